using System.ComponentModel.DataAnnotations;
using Circulation.Rendering;

namespace Circulation.Drafting;

/// <summary>Limits on enclosures (section "Enclosures"), validated at start-up.</summary>
public sealed class EnclosureOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Enclosures";

    /// <summary>Largest PDF document accepted by POST /api/documents, in bytes (default 10 MB).</summary>
    [Range(1024, 100L * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Most bytes one letter's enclosed documents may have together (default 20 MB).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxPackageBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Deepest nesting of arrays and dictionaries an uploaded PDF may have (default 100).</summary>
    [Range(8, 500)]
    public int MaxNestingDepth { get; set; } = PdfLimits.Default.MaxNestingDepth;

    /// <summary>Most bytes an uploaded PDF's compressed streams may expand to, together (default 100 MB).</summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024)]
    public long MaxDecompressedBytes { get; set; } = PdfLimits.Default.MaxDecompressedBytes;

    /// <summary>Most objects an uploaded PDF may have (default 50,000).</summary>
    [Range(100, 1_000_000)]
    public int MaxObjects { get; set; } = PdfLimits.Default.MaxObjects;

    /// <summary>Most pages an uploaded PDF may have (default 500).</summary>
    [Range(1, 10_000)]
    public int MaxPages { get; set; } = PdfLimits.Default.MaxPages;

    /// <summary>Longest the structural check of an uploaded PDF may take (default 30 seconds).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan MaxInspectionTime { get; set; } = PdfLimits.Default.MaxInspectionTime;

    /// <summary>The PDF limits these options set.</summary>
    public PdfLimits PdfLimits => new(this.MaxNestingDepth, this.MaxDecompressedBytes, this.MaxObjects, this.MaxPages, this.MaxInspectionTime);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (this.MaxPackageBytes < this.MaxDocumentBytes)
        {
            yield return new ValidationResult(
                $"Enclosures:MaxPackageBytes ({this.MaxPackageBytes}) must be at least Enclosures:MaxDocumentBytes ({this.MaxDocumentBytes}): a letter must be able to enclose the largest document accepted.",
                [nameof(this.MaxPackageBytes)]);
        }
    }
}
