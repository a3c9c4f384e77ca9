namespace Circulation.Workflow;

/// <summary>What happened to one mission's copy.</summary>
/// <param name="MissionId">The mission.</param>
/// <param name="Sent">True when the mail server accepted the message.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="At">When the outcome was recorded.</param>
/// <param name="MessageId">The message's internetMessageId / Message-ID (without angle brackets), when sent.</param>
/// <param name="ProviderMessageId">The mail system's id of the sent message (Graph's message id), when it has one.</param>
/// <param name="Sender">The mailbox or address it went from, when sent.</param>
/// <param name="SentAt">When the mail system took it, when sent.</param>
public sealed record DeliveryOutcome(
    string MissionId,
    bool Sent,
    string? Reason,
    DateTimeOffset At,
    string? MessageId = null,
    string? ProviderMessageId = null,
    string? Sender = null,
    DateTimeOffset? SentAt = null);
