using System.ComponentModel.DataAnnotations;

namespace Circulation.Mail;

/// <summary>The Microsoft Graph transport (section "Mail:Graph"), used when <c>Mail:Transport</c> is <c>Graph</c>.</summary>
public sealed class GraphOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Mail:Graph";

    /// <summary>Graph's base URL, up to the version (https; http only to 127.0.0.1/localhost, e.g. the emulator).</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>
    /// The mailboxes letters are sent from. Each message prefers one (chosen by its identity); when that one's recipient
    /// budget has no room it goes from another with room.
    /// </summary>
    public IList<string> Senders { get; } = [];

    /// <summary>How to sign in.</summary>
    public GraphCredentialKind Credential { get; set; } = GraphCredentialKind.ManagedIdentity;

    /// <summary>Client id of a user-assigned managed identity (system-assigned when empty).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Entra tenant (client-secret mode).</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration's client id (client-secret mode).</summary>
    public string? ClientId { get; set; }

    /// <summary>App registration's client secret (client-secret mode); never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Messages each mailbox may send per <see cref="MessageWindow"/>, across every host (Exchange Online: 30 per minute).
    /// 0 leaves the mailboxes unpaced: no pacing ledger at all (no window, no recipient budget), e.g. for a throughput benchmark.
    /// </summary>
    [Range(0, 10_000)]
    public int MessagesPerWindow { get; set; } = 30;

    /// <summary>The window of <see cref="MessagesPerWindow"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan MessageWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Recipients each mailbox may send to per rolling <see cref="RecipientWindow"/>, across every host (Exchange Online:
    /// 10,000 per 24 hours); 0 turns the budget off.
    /// </summary>
    [Range(0, 1_000_000)]
    public int RecipientsPerDay { get; set; } = 10_000;

    /// <summary>The rolling window of <see cref="RecipientsPerDay"/> (24 hours; tests scale it down).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RecipientWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Graph requests in progress at once per mailbox in this process (Graph: 4 per mailbox in all; with several hosts
    /// sending from the same mailboxes, give each its share to avoid 429 MailboxConcurrency answers, which are retried).
    /// </summary>
    [Range(1, 64)]
    public int ConcurrentRequests { get; set; } = 4;

    /// <summary>How long one Graph request may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (this.Senders.Count == 0 || this.Senders.Any(s => string.IsNullOrWhiteSpace(s) || !new EmailAddressAttribute().IsValid(s)))
        {
            yield return new ValidationResult("Mail:Graph:Senders must list one or more mailbox addresses.", [nameof(this.Senders)]);
        }

        bool loopback = this.BaseUrl is { IsAbsoluteUri: true } url && url.IsLoopback;
        if (this.BaseUrl is not { IsAbsoluteUri: true } || (this.BaseUrl.Scheme != Uri.UriSchemeHttps && !(loopback && this.BaseUrl.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Mail:Graph:BaseUrl must be an https URL (http only to 127.0.0.1 or localhost).", [nameof(this.BaseUrl)]);
        }

        if (this.Credential == GraphCredentialKind.ClientSecret
            && (string.IsNullOrWhiteSpace(this.TenantId) || string.IsNullOrWhiteSpace(this.ClientId) || string.IsNullOrWhiteSpace(this.ClientSecret)))
        {
            yield return new ValidationResult(
                "Mail:Graph:Credential ClientSecret needs Mail:Graph:TenantId, Mail:Graph:ClientId and Mail:Graph:ClientSecret.",
                [nameof(this.TenantId), nameof(this.ClientId), nameof(this.ClientSecret)]);
        }
    }
}
