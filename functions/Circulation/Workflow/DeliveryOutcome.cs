namespace Circulation.Workflow;

/// <summary>What happened to one mission's copy.</summary>
/// <param name="MissionId">The mission.</param>
/// <param name="Sent">True when the mail server accepted the message.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="At">When the outcome was recorded.</param>
public sealed record DeliveryOutcome(string MissionId, bool Sent, string? Reason, DateTimeOffset At);
