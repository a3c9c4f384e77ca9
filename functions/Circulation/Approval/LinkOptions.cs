using System.ComponentModel.DataAnnotations;

namespace Circulation.Approval;

/// <summary>How e-mailed approval and signature links are made (section "Links"); the keys are checked by <see cref="LinkOptionsValidator"/>.</summary>
public sealed class LinkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Links";

    /// <summary>
    /// The HMAC-SHA256 keys by key id (<c>Links:SigningKeys:&lt;keyId&gt;</c>), each the base64 of at least 32 random bytes.
    /// Every listed key verifies links; only <see cref="ActiveKeyId"/> signs new ones. To rotate: add the new key, make it
    /// active, and remove the old one once the links it signed have expired (<see cref="Lifetime"/>).
    /// </summary>
    public Dictionary<string, string> SigningKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The id of the key in <see cref="SigningKeys"/> that signs new links.</summary>
    public string ActiveKeyId { get; set; } = "";

    /// <summary>The retired single-key setting <c>Links:SigningKey</c>: when set, start-up fails saying where the key goes now.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The public base URL the links point at, e.g. https://circulation.example.org.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "90.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);
}
