using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Rendering;

/// <summary>
/// Lays out and draws one letter. One instance per render: it holds the document being built, the
/// current page and the vertical position, so concurrent renders share nothing.
/// </summary>
internal sealed class LetterComposer : IDisposable
{
    /// <summary>The PDF author recorded in every letter.</summary>
    internal const string Author = "Office of the President of the General Assembly";

    private const double Mm = 72 / 25.4;
    private const double MarginLeft = 25 * Mm;
    private const double MarginRight = 25 * Mm;
    private const double FirstPageTop = 20 * Mm;
    private const double ContinuationTop = 25 * Mm;
    private const double MarginBottom = 25 * Mm;
    private const double DraftMarkTop = 10 * Mm;
    private const double PageNumberTop = 15 * Mm; // measured from the bottom edge
    private const double ParagraphIndent = 12.7 * Mm;
    private const double BulletTextIndent = 6.35 * Mm;
    private const double SignatureImageWidth = 45 * Mm;
    private const double MaxSignatureImageHeight = 25 * Mm;
    private const double DefaultSignatureAspect = 3.0; // width / height when the image is unknown
    private const double ColumnGutter = 8 * Mm;
    private const double Epsilon = 0.01;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XStringFormat TopLeft = XStringFormats.TopLeft;

    private readonly LetterDocument letter;
    private readonly PdfDocument pdf = new();
    private readonly List<IDisposable> resources = [];
    private readonly Dictionary<(XFont Font, string Text), double> widths = [];

    private readonly XFont bodyFont = NewFont(12, XFontStyleEx.Regular);
    private readonly XFont letterheadFont = NewFont(13, XFontStyleEx.Bold);
    private readonly XFont letterheadSmallFont = NewFont(9, XFontStyleEx.Bold);
    private readonly XFont titleFont = NewFont(10, XFontStyleEx.Regular);
    private readonly XFont draftFont = NewFont(9, XFontStyleEx.Italic);
    private readonly XFont pageNumberFont = NewFont(10, XFontStyleEx.Regular);
    private readonly XBrush ink = new XSolidBrush(XColor.FromArgb(0, 0, 0));
    private readonly XBrush grey = new XSolidBrush(XColor.FromArgb(128, 128, 128));

    private readonly double lineHeight;
    private readonly double paragraphGap;

    private PdfPage? page;
    private XGraphics? gfx;
    private int pageNumber;
    private double y;
    private double firstPageBottom;

    /// <summary>Prepares to compose <paramref name="letter"/>.</summary>
    public LetterComposer(LetterDocument letter)
    {
        this.letter = letter;
        lineHeight = bodyFont.GetHeight();
        paragraphGap = lineHeight;
    }

    private XGraphics Gfx => gfx ?? throw new InvalidOperationException("No page is open.");

    private PdfPage Page => page ?? throw new InvalidOperationException("No page is open.");

    private double PageWidth => Page.Width.Point;

    private double PageHeight => Page.Height.Point;

    private double Left => MarginLeft;

    private double TextWidth => PageWidth - MarginLeft - MarginRight;

    private double PageBottom => PageHeight - MarginBottom;

    private double Bottom => pageNumber == 1 ? firstPageBottom : PageBottom;

    private double PageTop => pageNumber == 1 ? FirstPageTop : ContinuationTop;

    /// <summary>Builds the PDF and returns its bytes.</summary>
    public byte[] Compose()
    {
        SetMetadata();
        StartPage();

        var addressee = BreakAddressee();
        var addresseeHeight = addressee.Count * lineHeight;
        var addresseeOnFirstPage = addressee.Count > 0 && addresseeHeight <= (PageBottom - FirstPageTop) / 4;
        firstPageBottom = addresseeOnFirstPage ? PageBottom - addresseeHeight - (1.5 * lineHeight) : PageBottom;

        DrawLetterhead();
        DrawDateAndSalutation();
        foreach (var block in LetterBodyParser.Parse(letter.Body))
        {
            DrawBodyBlock(block);
        }

        DrawCloseAndSignatures();

        if (addressee.Count > 0)
        {
            if (addresseeOnFirstPage)
            {
                DrawAddresseeOnFirstPage(addressee);
            }
            else
            {
                DrawAddresseeAfterSignatures(addressee);
            }
        }

        EndPage();
        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        gfx?.Dispose();
        gfx = null;
        foreach (var resource in resources)
        {
            resource.Dispose();
        }

        resources.Clear();
        pdf.Dispose();
    }

    private static XFont NewFont(double size, XFontStyleEx style) => new(LetterFonts.FamilyName, size, style, Unicode);

    private void SetMetadata()
    {
        var version = letter.Version.ToString(CultureInfo.InvariantCulture);
        pdf.Info.Title = letter.Subject ?? string.Empty;
        pdf.Info.Author = Author;
        pdf.Info.Subject = $"Letter {letter.LetterId}, version {version}";
        pdf.Info.Keywords = $"Circulation; letter {letter.LetterId}; version {version}";
        pdf.Info.Creator = "Circulation";
        pdf.Language = "en";
    }

    // ---- pages ------------------------------------------------------------------------------------

    private void StartPage()
    {
        EndPage();
        page = pdf.AddPage();
        page.Size = PageSize.A4;
        pageNumber++;
        gfx = XGraphics.FromPdfPage(page);
        y = PageTop;

        if (!letter.Signed)
        {
            var mark = string.Create(CultureInfo.InvariantCulture, $"DRAFT \u2014 version {letter.Version} \u2014 not for circulation");
            DrawCentered(mark, draftFont, grey, DraftMarkTop);
        }

        if (pageNumber > 1)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"- {pageNumber} -");
            DrawCentered(number, pageNumberFont, ink, PageHeight - PageNumberTop);
        }
    }

    private void EndPage()
    {
        gfx?.Dispose();
        gfx = null;
    }

    /// <summary>Moves to a new page unless <paramref name="height"/> still fits on this one.</summary>
    private void EnsureRoom(double height)
    {
        if (y + height > Bottom + Epsilon && y > PageTop + Epsilon)
        {
            StartPage();
        }
    }

    /// <summary>Adds vertical space, except at the top of a page.</summary>
    private void Space(double height)
    {
        if (y > PageTop + Epsilon)
        {
            y += height;
        }
    }

    // ---- text primitives ---------------------------------------------------------------------------

    private double Measure(string text, XFont font)
    {
        if (!widths.TryGetValue((font, text), out var width))
        {
            width = Gfx.MeasureString(text, font).Width;
            widths[(font, text)] = width;
        }

        return width;
    }

    private double SpaceWidth(XFont font) => Measure("x x", font) - Measure("xx", font);

    private IReadOnlyList<TextLine> Break(string text, XFont font, double firstLineWidth, double otherLinesWidth) =>
        TextLineBreaker.Break(text, s => Measure(s, font), SpaceWidth(font), firstLineWidth, otherLinesWidth);

    private void DrawCentered(string text, XFont font, XBrush brush, double top) =>
        Gfx.DrawString(text, font, brush, (PageWidth - Measure(text, font)) / 2, top, TopLeft);

    private void DrawCenteredIn(string text, XFont font, double x, double width, double top) =>
        Gfx.DrawString(text, font, ink, x + ((width - Measure(text, font)) / 2), top, TopLeft);

    /// <summary>Draws a line justified to its available width, or left-aligned when it is the last one.</summary>
    private void DrawLine(TextLine line, XFont font, double x, double top, bool justify)
    {
        if (line.Words.Count == 0)
        {
            return;
        }

        if (!justify || line.IsLast || line.Words.Count < 2)
        {
            Gfx.DrawString(line.Text, font, ink, x, top, TopLeft);
            return;
        }

        // Each word is drawn with its following space (so extracted text keeps the spaces); the
        // remaining width is shared between the gaps.
        var gap = SpaceWidth(font) + ((line.AvailableWidth - line.NaturalWidth) / (line.Words.Count - 1));
        for (var i = 0; i < line.Words.Count; i++)
        {
            var word = i < line.Words.Count - 1 ? line.Words[i] + " " : line.Words[i];
            Gfx.DrawString(word, font, ink, x, top, TopLeft);
            x += line.Widths[i] + gap;
        }
    }

    /// <summary>
    /// Flows lines down the page, continuing on new pages, never leaving a paragraph's first line alone at
    /// the foot of a page nor its last line alone at the top of the next.
    /// </summary>
    private void FlowLines(IReadOnlyList<TextLine> lines, Action<TextLine, int> draw)
    {
        var index = 0;
        while (index < lines.Count)
        {
            var remaining = lines.Count - index;
            var fit = (int)Math.Floor((Bottom - y + Epsilon) / lineHeight);
            var take = Math.Min(Math.Max(fit, 0), remaining);
            if (take < remaining)
            {
                if (remaining - take == 1 && take > 1)
                {
                    take--; // no widow
                }

                if (index == 0 && take == 1)
                {
                    take = 0; // no orphan
                }

                if (take == 0 && y <= PageTop + Epsilon)
                {
                    take = Math.Min(1, remaining); // an empty page always takes something
                }
            }

            for (var i = 0; i < take; i++)
            {
                draw(lines[index + i], index + i);
                y += lineHeight;
            }

            index += take;
            if (index < lines.Count)
            {
                StartPage();
            }
        }
    }

    // ---- letter parts ------------------------------------------------------------------------------

    private void DrawLetterhead()
    {
        DrawCentered("THE PRESIDENT", letterheadFont, ink, y);
        y += letterheadFont.GetHeight();
        DrawCentered("OF THE", letterheadSmallFont, ink, y);
        y += letterheadSmallFont.GetHeight();
        DrawCentered("GENERAL ASSEMBLY", letterheadFont, ink, y);
        y += letterheadFont.GetHeight();
    }

    private void DrawDateAndSalutation()
    {
        y += 10 * Mm;
        var date = LetterDateFormatter.Format(letter.Date);
        Gfx.DrawString(date, bodyFont, ink, Left + TextWidth - Measure(date, bodyFont), y, TopLeft);
        y += lineHeight + (8 * Mm);
        Gfx.DrawString("Excellency,", bodyFont, ink, Left, y, TopLeft);
        y += lineHeight;
    }

    private void DrawBodyBlock(BodyBlock block)
    {
        Space(block.StartsParagraph ? paragraphGap : lineHeight / 3);
        if (block.IsBulletItem)
        {
            var bulletX = Left + ParagraphIndent;
            var textX = bulletX + BulletTextIndent;
            var width = Left + TextWidth - textX;
            var lines = Break(block.Text, bodyFont, width, width);
            FlowLines(lines, (line, index) =>
            {
                if (index == 0)
                {
                    Gfx.DrawString("\u2022", bodyFont, ink, bulletX, y, TopLeft);
                }

                DrawLine(line, bodyFont, textX, y, justify: true);
            });
        }
        else
        {
            var lines = Break(block.Text, bodyFont, TextWidth - ParagraphIndent, TextWidth);
            FlowLines(lines, (line, index) => DrawLine(line, bodyFont, Left + (index == 0 ? ParagraphIndent : 0), y, justify: true));
        }
    }

    private void DrawCloseAndSignatures()
    {
        var signatories = letter.Signatories ?? [];
        var pronoun = signatories.Count > 1 ? "our" : "my";
        var close = $"Please accept, Excellency, the assurances of {pronoun} highest consideration.";
        var lines = Break(close, bodyFont, TextWidth - ParagraphIndent, TextWidth);

        void DrawCloseLine(TextLine line, int index) =>
            DrawLine(line, bodyFont, Left + (index == 0 ? ParagraphIndent : 0), y, justify: true);

        Space(paragraphGap);

        // All but the last two lines flow freely; those two stay with the first row of signatures.
        var kept = Math.Min(2, lines.Count);
        FlowLines(lines.Take(lines.Count - kept).ToList(), DrawCloseLine);

        // The last close lines and the whole signature block stay together when they fit on a page;
        // otherwise at least the first row of signatures stays with the close.
        var rows = LayoutSignatureRows(signatories);
        var rowHeights = rows.Select(row => row.Max(c => c.Layout.Height)).ToList();
        var signatureGap = lineHeight;
        var rowGap = lineHeight / 2;
        var closeHeight = kept * lineHeight;
        var wholeHeight = closeHeight + (rows.Count > 0 ? signatureGap + rowHeights.Sum() + ((rows.Count - 1) * rowGap) : 0);
        var firstRowHeight = closeHeight + (rows.Count > 0 ? signatureGap + rowHeights[0] : 0);
        EnsureRoom(wholeHeight <= PageBottom - ContinuationTop ? wholeHeight : firstRowHeight);
        for (var i = lines.Count - kept; i < lines.Count; i++)
        {
            DrawCloseLine(lines[i], i);
            y += lineHeight;
        }

        for (var r = 0; r < rows.Count; r++)
        {
            if (r == 0)
            {
                y += signatureGap;
            }
            else
            {
                Space(rowGap);
                EnsureRoom(rowHeights[r]);
            }

            foreach (var (layout, x, width) in rows[r])
            {
                DrawSignatory(layout, x, width, y);
            }

            y += rowHeights[r];
        }
    }

    /// <summary>Two signatories sit side by side; one, three or four are stacked in the right half.</summary>
    private List<List<(SignatoryLayout Layout, double X, double Width)>> LayoutSignatureRows(IReadOnlyList<SignatureBlock> signatories)
    {
        var rows = new List<List<(SignatoryLayout, double, double)>>();
        if (signatories.Count == 2)
        {
            var width = (TextWidth - ColumnGutter) / 2;
            rows.Add(
            [
                (LayoutSignatory(signatories[0], width), Left, width),
                (LayoutSignatory(signatories[1], width), Left + width + ColumnGutter, width),
            ]);
            return rows;
        }

        var columnWidth = TextWidth / 2;
        foreach (var signatory in signatories)
        {
            rows.Add([(LayoutSignatory(signatory, columnWidth), Left + columnWidth, columnWidth)]);
        }

        return rows;
    }

    private SignatoryLayout LayoutSignatory(SignatureBlock signatory, double columnWidth)
    {
        var aspect = DefaultSignatureAspect;
        if (signatory.SignatureImage is { } image && PngSize.Read(image) is var (pixelWidth, pixelHeight))
        {
            aspect = (double)pixelWidth / pixelHeight;
        }

        var imageWidth = Math.Min(SignatureImageWidth, columnWidth);
        var imageHeight = imageWidth / aspect;
        if (imageHeight > MaxSignatureImageHeight)
        {
            imageHeight = MaxSignatureImageHeight;
            imageWidth = imageHeight * aspect;
        }

        var nameLines = Break(signatory.Name ?? string.Empty, bodyFont, columnWidth, columnWidth);
        var titleLines = Break(signatory.Title ?? string.Empty, titleFont, columnWidth, columnWidth);
        var height = imageHeight + (1 * Mm) + (nameLines.Count * lineHeight) + (titleLines.Count * titleFont.GetHeight());
        return new SignatoryLayout(signatory, imageWidth, imageHeight, nameLines, titleLines, height);
    }

    private void DrawSignatory(SignatoryLayout layout, double x, double width, double top)
    {
        if (letter.Signed && layout.Signatory.SignatureImage is { Length: > 0 } png)
        {
            var stream = new MemoryStream(png, writable: false);
            resources.Add(stream);
            XImage image;
            try
            {
                image = XImage.FromStream(stream);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new ArgumentException($"The signature image of {layout.Signatory.Name} is not a readable PNG.", nameof(letter), ex);
            }

            resources.Add(image);
            Gfx.DrawImage(image, x + ((width - layout.ImageWidth) / 2), top, layout.ImageWidth, layout.ImageHeight);
        }

        var lineTop = top + layout.ImageHeight + (1 * Mm);
        foreach (var line in layout.NameLines)
        {
            DrawCenteredIn(line.Text, bodyFont, x, width, lineTop);
            lineTop += lineHeight;
        }

        foreach (var line in layout.TitleLines)
        {
            DrawCenteredIn(line.Text, titleFont, x, width, lineTop);
            lineTop += titleFont.GetHeight();
        }
    }

    private List<TextLine> BreakAddressee()
    {
        var lines = new List<TextLine>();
        foreach (var text in letter.AddresseeLines ?? [])
        {
            var broken = Break(text ?? string.Empty, bodyFont, TextWidth, TextWidth);
            if (broken.Count == 0)
            {
                lines.Add(new TextLine([], [], 0, TextWidth, IsLast: true)); // a deliberate blank line
            }

            lines.AddRange(broken);
        }

        return lines;
    }

    private void DrawAddresseeOnFirstPage(List<TextLine> addressee)
    {
        var firstPage = pdf.Pages[0];
        var reopened = pageNumber != 1;
        var graphics = reopened ? XGraphics.FromPdfPage(firstPage, XGraphicsPdfPageOptions.Append) : Gfx;
        try
        {
            var top = firstPage.Height.Point - MarginBottom - (addressee.Count * lineHeight);
            foreach (var line in addressee)
            {
                if (line.Words.Count > 0)
                {
                    graphics.DrawString(line.Text, bodyFont, ink, Left, top, TopLeft);
                }

                top += lineHeight;
            }
        }
        finally
        {
            if (reopened)
            {
                graphics.Dispose();
            }
        }
    }

    private void DrawAddresseeAfterSignatures(List<TextLine> addressee)
    {
        Space(2 * lineHeight);
        FlowLines(addressee, (line, _) => DrawLine(line, bodyFont, Left, y, justify: false));
    }
}
