namespace Circulation.Mail;

/// <summary>A ledger's answer to a send: the outcome, and its time (the claim's expiry, or when to look again).</summary>
/// <param name="Outcome">Claimed, or why not.</param>
/// <param name="At">Claimed: when the claim expires; otherwise the earliest moment the answer can change.</param>
internal readonly record struct MailboxClaimVerdict(MailboxClaimOutcome Outcome, DateTimeOffset At);
