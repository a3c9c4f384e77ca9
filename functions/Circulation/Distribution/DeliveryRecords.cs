using Circulation.Archive;
using Circulation.Mail;
using Circulation.Workflow;

namespace Circulation.Distribution;

/// <summary>Each mission's delivery outcome, archived once per letter and mission.</summary>
public sealed class DeliveryRecords
{
    private readonly LetterArchive archive;
    private readonly TimeProvider clock;

    /// <summary>Creates the store.</summary>
    public DeliveryRecords(LetterArchive archive, TimeProvider clock)
    {
        this.archive = archive;
        this.clock = clock;
    }

    /// <summary>The recorded outcome, or null when the mission has none yet.</summary>
    public async Task<DeliveryOutcome?> FindAsync(string letterId, string missionId, CancellationToken cancellationToken)
    {
        byte[]? bytes = await this.archive.ReadAsync(letterId, ArchivePaths.Delivery(missionId), cancellationToken);
        return bytes is null ? null : ArchiveJson.FromBytes<DeliveryOutcome>(bytes);
    }

    /// <summary>Records an outcome; when one is already recorded, that one stands and is returned.</summary>
    public Task<DeliveryOutcome> RecordAsync(string letterId, string missionId, bool sent, string? reason, CancellationToken cancellationToken) =>
        this.RecordAsync(letterId, new DeliveryOutcome(missionId, sent, reason, this.clock.GetUtcNow()), cancellationToken);

    /// <summary>Records that the mail system took the mission's message, with its ids; when an outcome is already recorded, that one stands.</summary>
    public Task<DeliveryOutcome> RecordSentAsync(string letterId, string missionId, MailReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return this.RecordAsync(
            letterId,
            new DeliveryOutcome(missionId, true, null, this.clock.GetUtcNow(), receipt.MessageId, receipt.ProviderMessageId, receipt.Sender, receipt.AcceptedAt),
            cancellationToken);
    }

    private async Task<DeliveryOutcome> RecordAsync(string letterId, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        string missionId = outcome.MissionId;
        bool first = await this.archive.TryClaimAsync(letterId, ArchivePaths.Delivery(missionId), ArchiveJson.ToBytes(outcome), cancellationToken);
        return first ? outcome : (await this.FindAsync(letterId, missionId, cancellationToken))!;
    }
}
