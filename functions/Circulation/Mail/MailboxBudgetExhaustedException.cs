using System.Globalization;

namespace Circulation.Mail;

/// <summary>
/// No sending mailbox has room for the message in its recipient budget (<see cref="GraphOptions.RecipientsPerDay"/> per
/// rolling <see cref="GraphOptions.RecipientWindow"/>; Exchange Online: 10,000 per 24 hours). Transient, not permanent:
/// nothing was sent, and the same message can be sent from <see cref="Until"/> on (the workflow waits until then).
/// </summary>
public sealed class MailboxBudgetExhaustedException : MailDeliveryException
{
    /// <summary>Creates the exception.</summary>
    public MailboxBudgetExhaustedException()
        : base("The sending mailboxes' recipient budget is exhausted.", isPermanent: false, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MailboxBudgetExhaustedException(string message)
        : base(message, isPermanent: false, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MailboxBudgetExhaustedException(string message, Exception? innerException)
        : base(message, isPermanent: false, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="mailboxes"/>, none of which has room before <paramref name="until"/>.</summary>
    public MailboxBudgetExhaustedException(IReadOnlyList<string> mailboxes, DateTimeOffset until, int recipientsPerWindow, TimeSpan recipientWindow)
        : base(Describe(mailboxes, until, recipientsPerWindow, recipientWindow), isPermanent: false, innerException: null)
    {
        this.Mailboxes = mailboxes;
        this.Until = until;
        this.RecipientsPerWindow = recipientsPerWindow;
        this.RecipientWindow = recipientWindow;
    }

    /// <summary>The earliest moment one of <see cref="Mailboxes"/> has room for the message again (UTC).</summary>
    public DateTimeOffset Until { get; }

    /// <summary>The sending mailboxes whose budget is exhausted (every one configured, when none could take the message).</summary>
    public IReadOnlyList<string> Mailboxes { get; } = [];

    /// <summary>The budget: recipients per <see cref="RecipientWindow"/> per mailbox.</summary>
    public int RecipientsPerWindow { get; }

    /// <summary>The budget's rolling window.</summary>
    public TimeSpan RecipientWindow { get; }

    /// <summary>E.g. "The daily limit of 10,000 recipients is reached for pga.office@un.example until 14:05 UTC on 2 December 2026."</summary>
    private static string Describe(IReadOnlyList<string> mailboxes, DateTimeOffset until, int recipientsPerWindow, TimeSpan recipientWindow)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        var culture = CultureInfo.InvariantCulture;
        string limit = recipientWindow == TimeSpan.FromHours(24)
            ? string.Format(culture, "The daily limit of {0:N0} recipients", recipientsPerWindow)
            : string.Format(culture, "The limit of {0:N0} recipients per {1:c}", recipientsPerWindow, recipientWindow);
        string names = mailboxes.Count switch
        {
            0 => "the sending mailboxes",
            1 => mailboxes[0],
            _ => string.Join(", ", mailboxes.Take(mailboxes.Count - 1)) + " and " + mailboxes[^1],
        };

        // Rounded up, so the time said is never before the budget has room; to the second when the window is short (tests).
        bool coarse = recipientWindow >= TimeSpan.FromHours(1);
        long unit = coarse ? TimeSpan.TicksPerMinute : TimeSpan.TicksPerSecond;
        var rounded = new DateTimeOffset((until.UtcTicks + unit - 1) / unit * unit, TimeSpan.Zero);
        string when = rounded.ToString(coarse ? "HH:mm 'UTC on' d MMMM yyyy" : "HH:mm:ss 'UTC on' d MMMM yyyy", culture);
        return $"{limit} is reached for {names} until {when}.";
    }
}
