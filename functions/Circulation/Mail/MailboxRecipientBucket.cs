namespace Circulation.Mail;

/// <summary>
/// Recipients a mailbox sent to during one slice of the budget window (1/100 of it), ending at <see cref="End"/>. The
/// bucket counts until <see cref="End"/> plus the window: never earlier than any of its sends leaves the server's window.
/// </summary>
internal sealed class MailboxRecipientBucket
{
    /// <summary>The end of the slice: every send counted here was answered before it.</summary>
    public DateTimeOffset End { get; set; }

    /// <summary>The recipients counted in the slice.</summary>
    public int Recipients { get; set; }
}
