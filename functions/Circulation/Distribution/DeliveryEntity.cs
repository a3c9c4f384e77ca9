using Azure;
using Azure.Data.Tables;

namespace Circulation.Distribution;

/// <summary>A row of the deliveries table: partition = letter id, row = mission id and attempt key.</summary>
internal sealed class DeliveryEntity : ITableEntity
{
    private const char Separator = '|';

    // A table property holds at most 32K UTF-16 characters; a mail system's error text (e.g. a response body) can be longer.
    private const int MaxReasonLength = 2000;

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string State { get; set; } = nameof(DeliveryState.Pending);

    public DateTimeOffset At { get; set; }

    public string? Reason { get; set; }

    public string? MessageId { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? Sender { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? RequestedBy { get; set; }

    public string? RequestReason { get; set; }

    public static string RowKeyFor(string missionId, string attemptKey) => missionId + Separator + attemptKey;

    public static DeliveryEntity From(string letterId, DeliveryAttempt attempt) => new()
    {
        PartitionKey = letterId,
        RowKey = RowKeyFor(attempt.MissionId, attempt.Key),
        State = attempt.State.ToString(),
        At = attempt.At,
        Reason = attempt.Reason is { Length: > MaxReasonLength } reason ? string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…") : attempt.Reason,
        MessageId = attempt.MessageId,
        ProviderMessageId = attempt.ProviderMessageId,
        Sender = attempt.Sender,
        SentAt = attempt.SentAt,
        RequestedBy = attempt.RequestedBy,
        RequestReason = attempt.RequestReason,
    };

    public DeliveryAttempt ToAttempt()
    {
        int split = this.RowKey.IndexOf(Separator, StringComparison.Ordinal);
        return new DeliveryAttempt(
            this.RowKey[..split],
            this.RowKey[(split + 1)..],
            Enum.Parse<DeliveryState>(this.State),
            this.At,
            this.Reason,
            this.MessageId,
            this.ProviderMessageId,
            this.Sender,
            this.SentAt,
            this.RequestedBy,
            this.RequestReason);
    }
}
