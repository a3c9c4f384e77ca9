using System.ComponentModel.DataAnnotations;

namespace Circulation.Approval;

/// <summary>How e-mailed approval and signature links are made (section "Links").</summary>
public sealed class LinkOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Links";

    /// <summary>Secret key for the links' HMAC-SHA256 signatures; at least 32 characters.</summary>
    [Required]
    [MinLength(32, ErrorMessage = "Links:SigningKey must be at least 32 characters.")]
    public string SigningKey { get; set; } = "";

    /// <summary>The public base URL the links point at, e.g. https://circulation.example.org.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>How long a link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "90.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(14);
}
