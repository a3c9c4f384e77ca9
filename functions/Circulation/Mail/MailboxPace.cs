namespace Circulation.Mail;

/// <summary>
/// The limits one sending mailbox is paced to, from <see cref="GraphOptions"/>: messages per sliding window, recipients per
/// rolling budget window (0: no budget), and how long an in-flight send's claim lasts before it counts as sent.
/// </summary>
/// <param name="MessagesPerWindow">Sends per <paramref name="MessageWindow"/>.</param>
/// <param name="MessageWindow">The sliding message window.</param>
/// <param name="RecipientsPerWindow">Recipients per <paramref name="RecipientWindow"/>; 0 turns the budget off.</param>
/// <param name="RecipientWindow">The rolling budget window (Exchange: 24 hours).</param>
/// <param name="ClaimLifetime">How long a send's claim holds before it counts as sent at its expiry (a crashed host's claim).</param>
internal sealed record MailboxPace(int MessagesPerWindow, TimeSpan MessageWindow, int RecipientsPerWindow, TimeSpan RecipientWindow, TimeSpan ClaimLifetime)
{
    /// <summary>Buckets per budget window: recipients are counted per 1/100 of it, so the ledger stays small.</summary>
    public const int BucketsPerWindow = 100;

    /// <summary>The width of one recipient bucket (at least one millisecond).</summary>
    public TimeSpan BucketWidth => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, this.RecipientWindow.Ticks / BucketsPerWindow));

    /// <summary>Whether the recipient budget applies.</summary>
    public bool HasBudget => this.RecipientsPerWindow > 0;

    /// <summary>The pace <paramref name="options"/> sets; a claim lasts the request timeout and half again (at least 2 s more).</summary>
    public static MailboxPace From(GraphOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var margin = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(2).Ticks, options.RequestTimeout.Ticks / 2));
        return new MailboxPace(options.MessagesPerWindow, options.MessageWindow, options.RecipientsPerDay, options.RecipientWindow, options.RequestTimeout + margin);
    }
}
