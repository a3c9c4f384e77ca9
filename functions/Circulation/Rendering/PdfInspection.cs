namespace Circulation.Rendering;

/// <summary>What <see cref="UploadedPdf.Inspect(byte[], PdfLimits)"/> found out about an uploaded PDF.</summary>
/// <param name="Pages">Its page count (0 when it cannot be used).</param>
/// <param name="Problem">Why it cannot be enclosed, in words for the uploader; null when it can.</param>
/// <param name="Detail">What the PDF library reported when it failed, for the log only (never shown to the uploader).</param>
public sealed record PdfInspection(int Pages, string? Problem, string? Detail = null)
{
    /// <summary>True when the PDF can be enclosed with a letter.</summary>
    public bool IsUsable => this.Problem is null;
}
