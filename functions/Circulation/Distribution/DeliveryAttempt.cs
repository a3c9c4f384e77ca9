namespace Circulation.Distribution;

/// <summary>
/// One attempt to deliver a letter to a mission: the distribution's own (<see cref="DeliveryRecords.FirstAttempt"/>)
/// or a resend a person asked for, with its request.
/// </summary>
/// <param name="MissionId">The mission.</param>
/// <param name="Key">The attempt's key: <see cref="DeliveryRecords.FirstAttempt"/>, or the resend request's key.</param>
/// <param name="State">Pending, sent or failed.</param>
/// <param name="At">When the attempt was recorded (asked for, for a pending resend).</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="MessageId">The message's internetMessageId / Message-ID (without angle brackets), when sent.</param>
/// <param name="ProviderMessageId">The mail system's id of the sent message, when it has one.</param>
/// <param name="Sender">The mailbox it went from, when sent.</param>
/// <param name="SentAt">When the mail system took it.</param>
/// <param name="RequestedBy">Who asked for the resend; null for the distribution's own attempt.</param>
/// <param name="RequestReason">Why they asked.</param>
public sealed record DeliveryAttempt(
    string MissionId,
    string Key,
    DeliveryState State,
    DateTimeOffset At,
    string? Reason = null,
    string? MessageId = null,
    string? ProviderMessageId = null,
    string? Sender = null,
    DateTimeOffset? SentAt = null,
    string? RequestedBy = null,
    string? RequestReason = null);
