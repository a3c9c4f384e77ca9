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

    /// <summary>Creates a renderer and makes sure the embedded fonts are installed.</summary>
    public PdfLetterRenderer()
    {
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
                    Append(pdf, document);
                    break;
                default:
                    throw new ArgumentException($"Unknown enclosure type {enclosure?.GetType().Name}.", nameof(package));
            }
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

    private static void Append(PdfDocument pdf, DocumentEnclosure document)
    {
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
