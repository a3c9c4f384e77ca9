namespace Circulation.ExchangeEmulator;

/// <summary>
/// Per-mailbox limits, as Exchange Online and Graph enforce them (defaults: the values in force in Nov 2026).
/// A count of 0 turns that limit off. Windows are sliding; tests scale time by shortening them (e.g. 30 per 2 s).
/// </summary>
public sealed record EmulatorLimits
{
    /// <summary>Messages a mailbox may send per <see cref="MessageWindow"/> (Exchange: 30 per minute).</summary>
    public int MessagesPerWindow { get; init; } = 30;

    /// <summary>The window of <see cref="MessagesPerWindow"/>.</summary>
    public TimeSpan MessageWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Requests in progress at once per mailbox (Graph: 4); more get 429 MailboxConcurrency.</summary>
    public int ConcurrentRequests { get; init; } = 4;

    /// <summary>Recipients per <see cref="RecipientWindow"/> per mailbox (Exchange: 10,000 per rolling 24 h).</summary>
    public int RecipientsPerWindow { get; init; } = 10_000;

    /// <summary>The window of <see cref="RecipientsPerWindow"/>.</summary>
    public TimeSpan RecipientWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Recipients (To, Cc and Bcc) one message may have (Exchange: 500 by default).</summary>
    public int RecipientsPerMessage { get; init; } = 500;

    /// <summary>Requests per <see cref="RequestWindow"/> per mailbox (Graph: 10,000 per 10 minutes).</summary>
    public int RequestsPerWindow { get; init; } = 10_000;

    /// <summary>The window of <see cref="RequestsPerWindow"/>.</summary>
    public TimeSpan RequestWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Retry-After of a MailboxConcurrency refusal.</summary>
    public TimeSpan ConcurrencyRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>No limit at all (the workflow-throughput benchmark).</summary>
    public static EmulatorLimits None { get; } = new()
    {
        MessagesPerWindow = 0, ConcurrentRequests = 0, RecipientsPerWindow = 0, RecipientsPerMessage = 0, RequestsPerWindow = 0,
    };
}
