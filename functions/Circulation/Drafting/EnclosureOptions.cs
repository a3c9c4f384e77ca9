using System.ComponentModel.DataAnnotations;

namespace Circulation.Drafting;

/// <summary>Limits on enclosures (section "Enclosures").</summary>
public sealed class EnclosureOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Enclosures";

    /// <summary>Largest PDF document accepted by POST /api/documents, in bytes (default 10 MB).</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 10L * 1024 * 1024;
}
