using System.Globalization;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Circulation.Rendering;

/// <summary>
/// Renders letters of the President of the General Assembly as A4 PDFs in the form of the real letters:
/// centred letterhead, date in words, "Excellency,", a justified body (paragraphs, bulleted and numbered
/// lists, italic and bold), the complimentary close, the signature block(s) and the addressee block at the
/// foot of the first page. Long letters continue on pages numbered from 2. Unsigned drafts carry a grey
/// "DRAFT" line on every page and leave the signature space empty. A package puts the cover letter first,
/// then each enclosure: enclosed letters (each with its own page numbers) and uploaded PDFs' pages as they are.
/// </summary>
/// <remarks>
/// Fonts are the Liberation Serif faces embedded in this assembly (see <see cref="LetterFonts"/>), so the
/// output does not depend on the machine. Instances hold no state and may be used from any thread.
/// </remarks>
public sealed class PdfLetterRenderer : ILetterRenderer
{
    /// <summary>The PDF author recorded in every letter.</summary>
    public const string Author = "Office of the President of the General Assembly";

    // Whatever can act when the PDF is opened or clicked, or carries other files: none of it may go out under the
    // President's signature. Pages keep their content, resources and size; the catalog is the renderer's own.
    private static readonly string[] InteractivePageKeys = ["/Annots", "/AA"];
    private static readonly string[] InteractiveCatalogKeys = ["/OpenAction", "/AA", "/AcroForm", "/Names", "/Outlines"];

    private readonly PdfLimits limits;

    /// <summary>Creates a renderer with the default <see cref="PdfLimits"/> for enclosed documents.</summary>
    public PdfLetterRenderer()
        : this(PdfLimits.Default)
    {
    }

    /// <summary>Creates a renderer that checks enclosed documents against <paramref name="limits"/> before importing them.</summary>
    public PdfLetterRenderer(PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        this.limits = limits;
        LetterFonts.EnsureInstalled();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="ArgumentException">A signature image of a signed letter is not a readable PNG.</exception>
    public byte[] Render(LetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return this.Render(new LetterPackage(document, []));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="package"/> is null.</exception>
    /// <exception cref="ArgumentException">A signature image is not a readable PNG, or an enclosed PDF cannot be read.</exception>
    public byte[] Render(LetterPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var fonts = LetterFontSet.Shared;
        using var pdf = new PdfDocument();
        SetMetadata(pdf, package.Cover);
        Compose(pdf, package.Cover, fonts);
        foreach (var enclosure in package.Enclosures ?? [])
        {
            switch (enclosure)
            {
                case LetterEnclosure letter:
                    Compose(pdf, letter.Letter, fonts);
                    break;
                case DocumentEnclosure document:
                    this.Append(pdf, document);
                    break;
                default:
                    throw new ArgumentException($"Unknown enclosure type {enclosure?.GetType().Name}.", nameof(package));
            }
        }

        foreach (string key in InteractiveCatalogKeys)
        {
            pdf.Internals.Catalog.Elements.Remove(key);
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    private static void Compose(PdfDocument pdf, LetterDocument letter, LetterFontSet fonts)
    {
        using var composer = new LetterComposer(pdf, letter, fonts);
        composer.Compose();
    }

    /// <summary>Appends an uploaded document's pages without their annotations and actions.</summary>
    private void Append(PdfDocument pdf, DocumentEnclosure document)
    {
        // Documents stored before the limits existed were never checked: PDFsharp must not parse them unchecked.
        if (UploadedPdf.CheckStructure(document.Pdf, this.limits) is { } problem)
        {
            throw new ArgumentException($"The enclosed document '{document.Title}' cannot be enclosed: {problem}", nameof(document));
        }

        PdfDocument source;
        try
        {
            source = PdfReader.Open(new MemoryStream(document.Pdf, writable: false), PdfDocumentOpenMode.Import);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException($"The enclosed document '{document.Title}' is not a readable PDF.", nameof(document), ex);
        }

        using (source)
        {
            foreach (var page in source.Pages)
            {
                // Removed before the import, so that what they refer to is not copied either.
                foreach (string key in InteractivePageKeys)
                {
                    page.Elements.Remove(key);
                }

                pdf.AddPage(page);
            }
        }
    }

    private static void SetMetadata(PdfDocument pdf, LetterDocument cover)
    {
        var version = cover.Version.ToString(CultureInfo.InvariantCulture);
        pdf.Info.Title = cover.Subject ?? string.Empty;
        pdf.Info.Author = Author;
        pdf.Info.Subject = $"Letter {cover.LetterId}, version {version}";
        pdf.Info.Keywords = $"Circulation; letter {cover.LetterId}; version {version}";
        pdf.Info.Creator = "Circulation";
        pdf.Language = "en";
    }
}
