namespace Circulation.Rendering;

/// <summary>
/// How much an uploaded PDF may ask of the reader before PDFsharp sees it (checked by <see cref="UploadedPdf.Inspect(byte[], PdfLimits)"/>).
/// Real letters' enclosures stay far below every default; the caps exist so that a hostile file is refused in bounded
/// time and memory instead of exhausting the host.
/// </summary>
/// <param name="MaxNestingDepth">Deepest nesting of arrays and dictionaries (PDFsharp's parser recurses once per level).</param>
/// <param name="MaxDecompressedBytes">Most bytes all the PDF's Flate-compressed streams (images aside) may expand to, together.</param>
/// <param name="MaxObjects">Most objects, counting those inside object streams and the cross-reference table's size.</param>
/// <param name="MaxPages">Most pages.</param>
/// <param name="MaxInspectionTime">Longest the structural check may take.</param>
public sealed record PdfLimits(int MaxNestingDepth, long MaxDecompressedBytes, int MaxObjects, int MaxPages, TimeSpan MaxInspectionTime)
{
    /// <summary>The defaults: 100 levels, 100 MB decompressed, 50,000 objects, 500 pages, 30 seconds.</summary>
    public static PdfLimits Default { get; } = new(100, 100L * 1024 * 1024, 50_000, 500, TimeSpan.FromSeconds(30));
}
