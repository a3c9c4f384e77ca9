namespace Circulation.Rendering;

/// <summary>An enclosed PDF document; its pages are appended as they are.</summary>
/// <param name="Title">What it is, e.g. "Programme of the meeting".</param>
/// <param name="Pdf">The PDF's bytes (checked on upload by <see cref="UploadedPdf.Inspect(byte[], PdfLimits)"/>).</param>
public sealed record DocumentEnclosure(string Title, byte[] Pdf) : PackageEnclosure;
