namespace Circulation.Mail;

/// <summary>
/// A mailbox's answer to "has your budget room for this message?", asked before its draft is made there: when granted,
/// the recipients are promised to it in this host (so parallel sends do not all pick a mailbox with room for one) until
/// its send claims them, or until this is disposed. When refused, <see cref="Until"/> says when the budget has room.
/// </summary>
internal sealed class MailboxReservation : IDisposable
{
    private readonly MailboxLedger? ledger;
    private int released;

    /// <summary>Creates the answer; a granted one with a ledger holds <paramref name="recipients"/> of its budget.</summary>
    public MailboxReservation(MailboxLedger? ledger, string mailbox, int recipients, bool granted, DateTimeOffset until)
    {
        this.ledger = ledger;
        this.Mailbox = mailbox;
        this.Recipients = recipients;
        this.IsGranted = granted;
        this.Until = until;
    }

    /// <summary>The mailbox asked.</summary>
    public string Mailbox { get; }

    /// <summary>The recipients asked for.</summary>
    public int Recipients { get; }

    /// <summary>Whether the budget had room.</summary>
    public bool IsGranted { get; }

    /// <summary>When refused: the earliest moment the budget has room.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>Whether the promise still holds budget in this host.</summary>
    public bool IsHeld => this.IsGranted && this.ledger is not null && Volatile.Read(ref this.released) == 0;

    /// <summary>Gives the promised recipients back (once).</summary>
    public void Release()
    {
        if (this.IsGranted && this.ledger is not null && Interlocked.Exchange(ref this.released, 1) == 0)
        {
            this.ledger.ReleaseReserved(this.Recipients);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.Release();
}
