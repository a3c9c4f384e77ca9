namespace Circulation.Mail;

/// <summary>What a mailbox's ledger said to a send asking for a place.</summary>
internal enum MailboxClaimOutcome
{
    /// <summary>The send has its place; go.</summary>
    Claimed,

    /// <summary>The mailbox is paused (Graph's Retry-After) until the verdict's time.</summary>
    Paused,

    /// <summary>The message window is full; look again at the verdict's time (not earlier can a place free up).</summary>
    WindowFull,

    /// <summary>The recipient budget has no room for this message until the verdict's time.</summary>
    OverBudget,
}
