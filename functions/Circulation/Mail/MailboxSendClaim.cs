namespace Circulation.Mail;

/// <summary>
/// A send in flight, claimed in a mailbox's ledger before the request goes out. It counts against the message window and
/// the recipient budget until its answer turns it into a send stamp; a claim left by a host that crashed counts as a
/// send at its expiry (later than the server could have counted it, so conservative).
/// </summary>
internal sealed class MailboxSendClaim
{
    /// <summary>A random id, unique per claim.</summary>
    public string Id { get; set; } = "";

    /// <summary>When the claim counts as sent if nobody completed it.</summary>
    public DateTimeOffset Expires { get; set; }

    /// <summary>The recipients of the message.</summary>
    public int Recipients { get; set; }
}
