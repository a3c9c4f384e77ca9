using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Rendering;

/// <summary>
/// Lays out and draws one letter into a PDF document, appending its pages. One instance per letter: it holds
/// the current page and the vertical position, so concurrent renders share nothing but fonts.
/// </summary>
internal sealed class LetterComposer : IDisposable
{
    private const double Mm = 72 / 25.4;
    private const double MarginLeft = 25 * Mm;
    private const double MarginRight = 25 * Mm;
    private const double FirstPageTop = 20 * Mm;
    private const double ContinuationTop = 25 * Mm;
    private const double MarginBottom = 25 * Mm;
    private const double DraftMarkTop = 10 * Mm;
    private const double PageNumberTop = 15 * Mm; // measured from the bottom edge
    private const double ParagraphIndent = 12.7 * Mm;
    private const double ListIndent = 7 * Mm;
    private const double SignatureImageWidth = 45 * Mm;
    private const double MaxSignatureImageHeight = 25 * Mm;
    private const double DefaultSignatureAspect = 3.0; // width / height when the image is unknown
    private const double ColumnGutter = 8 * Mm;
    private const int MaxSideBySideTitleLines = 3;
    private const double Epsilon = 0.01;
    private const string SignedMark = "(Signed)";
    private const double NoteGap = 10 * Mm;

    private readonly PdfDocument pdf;
    private readonly LetterDocument letter;
    private readonly LetterFontSet fonts;
    private readonly Dictionary<(XFont Font, string Text), double> widths = [];
    private readonly double lineHeight;
    private readonly double paragraphGap;

    private PdfPage? page;
    private XGraphics? gfx;
    private int firstPageIndex = -1;
    private int pageNumber;
    private double y;
    private double firstPageBottom;
    private readonly Dictionary<XFont, double> spaceWidths = [];

    /// <summary>Prepares to compose <paramref name="letter"/> at the end of <paramref name="pdf"/>.</summary>
    public LetterComposer(PdfDocument pdf, LetterDocument letter, LetterFontSet fonts)
    {
        this.pdf = pdf;
        this.letter = letter;
        this.fonts = fonts;
        lineHeight = fonts.Body.GetHeight();
        paragraphGap = lineHeight;
    }

    private XGraphics Gfx => gfx ?? throw new InvalidOperationException("No page is open.");

    private PdfPage Page => page ?? throw new InvalidOperationException("No page is open.");

    private double PageWidth => Page.Width.Point;

    private double PageHeight => Page.Height.Point;

    private static double Left => MarginLeft;

    private double TextWidth => PageWidth - MarginLeft - MarginRight;

    private double PageBottom => PageHeight - MarginBottom;

    private double Bottom => pageNumber == 1 ? firstPageBottom : PageBottom;

    private double PageTop => pageNumber == 1 ? FirstPageTop : ContinuationTop;

    /// <summary>Draws the letter on new pages at the end of the document.</summary>
    public void Compose()
    {
        StartPage();

        var addressee = BreakAddressee();
        var addresseeHeight = addressee.Count * lineHeight;
        var addresseeOnFirstPage = addressee.Count > 0 && addresseeHeight <= (PageBottom - FirstPageTop) / 4;
        firstPageBottom = addresseeOnFirstPage ? PageBottom - addresseeHeight - (1.5 * lineHeight) : PageBottom;

        if (letter.Letterhead)
        {
            DrawLetterhead();
        }

        DrawDateAndSalutation();
        foreach (var block in LetterMarkdown.Parse(letter.Body).Blocks)
        {
            DrawBodyBlock(block);
        }

        DrawCloseAndSignatures();
        DrawEnclosureNote();

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
    }

    /// <inheritdoc />
    public void Dispose()
    {
        gfx?.Dispose();
        gfx = null;
    }

    // ---- pages ------------------------------------------------------------------------------------

    private void StartPage()
    {
        EndPage();
        page = pdf.AddPage();
        page.Size = PageSize.A4;
        if (firstPageIndex < 0)
        {
            firstPageIndex = pdf.PageCount - 1;
        }

        pageNumber++;
        gfx = XGraphics.FromPdfPage(page);
        y = PageTop;

        if (letter.IsDraft)
        {
            var mark = string.Create(CultureInfo.InvariantCulture, $"DRAFT \u2014 version {letter.Version} \u2014 not for circulation");
            DrawCentered(mark, fonts.Draft, fonts.Grey, DraftMarkTop);
        }

        if (pageNumber > 1)
        {
            var number = string.Create(CultureInfo.InvariantCulture, $"- {pageNumber} -");
            DrawCentered(number, fonts.PageNumber, fonts.Ink, PageHeight - PageNumberTop);
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

    private double SpaceWidth => SpaceOf(fonts.Body);

    private double SpaceOf(XFont font)
    {
        if (!spaceWidths.TryGetValue(font, out var width))
        {
            width = Measure("x x", font) - Measure("xx", font);
            spaceWidths[font] = width;
        }

        return width;
    }

    private IReadOnlyList<TextLine> Break(string text, XFont font, double firstLineWidth, double otherLinesWidth) =>
        TextLineBreaker.Break(TextLineBreaker.Words(text, font, Measure), Measure, SpaceOf(font), firstLineWidth, otherLinesWidth);

    private void DrawCentered(string text, XFont font, XBrush brush, double top) =>
        Gfx.DrawString(text, font, brush, (PageWidth - Measure(text, font)) / 2, top, XStringFormats.TopLeft);

    private void DrawCenteredIn(TextLine line, double x, double width, double top) =>
        DrawLine(line, x + ((width - line.NaturalWidth) / 2), top, justify: false);

    /// <summary>Draws a line justified to its available width, or with single spaces when it is a last line.</summary>
    private void DrawLine(TextLine line, double x, double top, bool justify)
    {
        if (line.Words.Count == 0)
        {
            return;
        }

        // Each word is drawn with its following space (so extracted text keeps the spaces); the remaining
        // width of a justified line is shared between the gaps.
        var gap = justify && !line.IsLast && line.Words.Count > 1
            ? line.SpaceWidth + ((line.AvailableWidth - line.NaturalWidth) / (line.Words.Count - 1))
            : line.SpaceWidth;
        for (var i = 0; i < line.Words.Count; i++)
        {
            var word = line.Words[i];
            var pieceX = x;
            for (var p = 0; p < word.Pieces.Count; p++)
            {
                var piece = word.Pieces[p];
                var text = p == word.Pieces.Count - 1 && i < line.Words.Count - 1 ? piece.Text + " " : piece.Text;
                Gfx.DrawString(text, piece.Font, fonts.Ink, pieceX, top, XStringFormats.TopLeft);
                pieceX += piece.Width;
            }

            x += word.Width + gap;
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
        DrawCentered("THE PRESIDENT", fonts.Letterhead, fonts.Ink, y);
        y += fonts.Letterhead.GetHeight();
        DrawCentered("OF THE", fonts.LetterheadSmall, fonts.Ink, y);
        y += fonts.LetterheadSmall.GetHeight();
        DrawCentered("GENERAL ASSEMBLY", fonts.Letterhead, fonts.Ink, y);
        y += fonts.Letterhead.GetHeight();
        y += 10 * Mm;
    }

    private void DrawDateAndSalutation()
    {
        var date = letter.DateLine;
        Gfx.DrawString(date, fonts.Body, fonts.Ink, Left + TextWidth - Measure(date, fonts.Body), y, XStringFormats.TopLeft);
        y += lineHeight + (8 * Mm);
        Gfx.DrawString("Excellency,", fonts.Body, fonts.Ink, Left, y, XStringFormats.TopLeft);
        y += lineHeight;
    }

    private void DrawBodyBlock(BodyBlock block)
    {
        Space(block.SpaceBefore switch
        {
            BlockSpacing.Paragraph => paragraphGap,
            BlockSpacing.List => lineHeight / 2,
            _ => lineHeight / 3,
        });

        var words = TextLineBreaker.Words(block.Spans, fonts.BodyIn, Measure);
        if (block.ListLevel == 0)
        {
            var lines = TextLineBreaker.Break(words, Measure, SpaceWidth, TextWidth - ParagraphIndent, TextWidth);
            FlowLines(lines, (line, index) => DrawLine(line, Left + (index == 0 ? ParagraphIndent : 0), y, justify: true));
            return;
        }

        var markerX = Left + ParagraphIndent + ((block.ListLevel - 1) * ListIndent);
        var textX = markerX + ListIndent;
        var width = Left + TextWidth - textX;
        var itemLines = TextLineBreaker.Break(words, Measure, SpaceWidth, width, width);
        if (itemLines.Count == 0 && block.Marker is not null)
        {
            itemLines = [new TextLine([], 0, width, SpaceWidth, IsLast: true)]; // an empty item still shows its marker
        }

        FlowLines(itemLines, (line, index) =>
        {
            if (index == 0 && block.Marker is { } marker)
            {
                Gfx.DrawString(marker, fonts.Body, fonts.Ink, markerX, y, XStringFormats.TopLeft);
            }

            DrawLine(line, textX, y, justify: true);
        });
    }

    private void DrawCloseAndSignatures()
    {
        var signatories = letter.Signatories ?? [];
        var pronoun = signatories.Count > 1 ? "our" : "my";
        var close = $"Please accept, Excellency, the assurances of {pronoun} highest consideration.";
        var lines = Break(close, fonts.Body, TextWidth - ParagraphIndent, TextWidth);

        void DrawCloseLine(TextLine line, int index) =>
            DrawLine(line, Left + (index == 0 ? ParagraphIndent : 0), y, justify: true);

        Space(paragraphGap);

        // All but the last two lines flow freely; those two stay with the first row of signatures.
        var kept = Math.Min(2, lines.Count);
        FlowLines(lines.Take(lines.Count - kept).ToList(), DrawCloseLine);

        // The last close lines and the whole signature block stay together when they fit on a page;
        // otherwise at least the first row of signatures stays with the close.
        var rows = LayoutSignatureRows(signatories);
        var rowHeights = rows.Select(row => row.Max(c => c.Layout.MarkHeight) + row.Max(c => c.Layout.TextHeight)).ToList();
        var signatureGap = lineHeight;
        var rowGap = lineHeight;
        var closeHeight = kept * lineHeight;
        var note = EnclosureNoteLines();
        var noteHeight = note.Count == 0 ? 0 : NoteGap + (note.Count * fonts.Note.GetHeight());
        var wholeHeight = closeHeight + (rows.Count > 0 ? signatureGap + rowHeights.Sum() + ((rows.Count - 1) * rowGap) : 0) + noteHeight;
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

            // Names in a row share a baseline: each mark sits at the foot of the row's tallest mark.
            var markHeight = rows[r].Max(c => c.Layout.MarkHeight);
            foreach (var (layout, x, width) in rows[r])
            {
                DrawSignatory(layout, x, width, y, markHeight);
            }

            y += rowHeights[r];
        }
    }

    /// <summary>The enclosure note under the signatures, broken into lines (none without enclosures).</summary>
    private IReadOnlyList<TextLine> EnclosureNoteLines() =>
        string.IsNullOrWhiteSpace(letter.EnclosureNote) ? [] : Break(letter.EnclosureNote, fonts.Note, TextWidth, TextWidth);

    /// <summary>
    /// One signatory signs in the right half. Several sign two to a row, side by side, when every name fits
    /// on one line of a half-width column and no title needs more than three lines there; otherwise they
    /// are stacked in the right half. An odd last one of a side-by-side layout is centred.
    /// </summary>
    private List<List<(SignatoryLayout Layout, double X, double Width)>> LayoutSignatureRows(IReadOnlyList<SignatureBlock> signatories)
    {
        var rows = new List<List<(SignatoryLayout, double, double)>>();
        var halfWidth = (TextWidth - ColumnGutter) / 2;
        if (signatories.Count > 1)
        {
            var columns = signatories.Select(s => LayoutSignatory(s, halfWidth)).ToList();
            if (columns.All(c => c.NameLines.Count <= 1 && c.TitleLines.Count <= MaxSideBySideTitleLines))
            {
                for (var i = 0; i < columns.Count; i += 2)
                {
                    rows.Add(i + 1 < columns.Count
                        ? [(columns[i], Left, halfWidth), (columns[i + 1], Left + halfWidth + ColumnGutter, halfWidth)]
                        : [(columns[i], Left + ((TextWidth - halfWidth) / 2), halfWidth)]);
                }

                return rows;
            }
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

        // A signed letter prints the image, or "(Signed)" for a signatory without one; a draft leaves the
        // image's space empty, so the typed names sit where they will on the signed letter.
        var printsMark = letter.Signed && signatory.SignatureImage is null;
        var markHeight = printsMark ? 2 * lineHeight : imageHeight;
        var nameLines = Break(signatory.Name ?? string.Empty, fonts.Body, columnWidth, columnWidth);
        var titleLines = Break(signatory.Title ?? string.Empty, fonts.Title, columnWidth, columnWidth);
        var textHeight = (1 * Mm) + (nameLines.Count * lineHeight) + (titleLines.Count * fonts.Title.GetHeight());
        return new SignatoryLayout(signatory, imageWidth, imageHeight, markHeight, printsMark, nameLines, titleLines, textHeight);
    }

    private void DrawSignatory(SignatoryLayout layout, double x, double width, double top, double rowMarkHeight)
    {
        var markBottom = top + rowMarkHeight;
        if (layout.PrintsSignedMark)
        {
            var mark = Break(SignedMark, fonts.Body, width, width)[0];
            DrawCenteredIn(mark, x, width, markBottom - (1.5 * lineHeight));
        }
        else if (letter.Signed && layout.Signatory.SignatureImage is { Length: > 0 } png)
        {
            XImage image;
            try
            {
                image = SignatureImageCache.Get(png);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"The signature image of {layout.Signatory.Name} is not a readable PNG.", nameof(letter), ex);
            }

            Gfx.DrawImage(image, x + ((width - layout.ImageWidth) / 2), markBottom - layout.ImageHeight, layout.ImageWidth, layout.ImageHeight);
        }

        var lineTop = markBottom + (1 * Mm);
        foreach (var line in layout.NameLines)
        {
            DrawCenteredIn(line, x, width, lineTop);
            lineTop += lineHeight;
        }

        foreach (var line in layout.TitleLines)
        {
            DrawCenteredIn(line, x, width, lineTop);
            lineTop += fonts.Title.GetHeight();
        }
    }

    /// <summary>The enclosure note, kept on the page of the signatures when they fit together (see the close).</summary>
    private void DrawEnclosureNote()
    {
        var lines = EnclosureNoteLines();
        if (lines.Count == 0)
        {
            return;
        }

        Space(NoteGap);
        var noteLineHeight = fonts.Note.GetHeight();
        EnsureRoom(Math.Min(lines.Count, 2) * noteLineHeight);
        foreach (var line in lines)
        {
            EnsureRoom(noteLineHeight);
            DrawLine(line, Left, y, justify: false);
            y += noteLineHeight;
        }
    }

    private List<TextLine> BreakAddressee()
    {
        var lines = new List<TextLine>();
        foreach (var text in letter.AddresseeLines ?? [])
        {
            var broken = Break(text ?? string.Empty, fonts.Body, TextWidth, TextWidth);
            if (broken.Count == 0)
            {
                lines.Add(new TextLine([], 0, TextWidth, SpaceWidth, IsLast: true)); // a deliberate blank line
            }

            lines.AddRange(broken);
        }

        return lines;
    }

    private void DrawAddresseeOnFirstPage(List<TextLine> addressee)
    {
        var firstPage = pdf.Pages[firstPageIndex];
        var reopened = pageNumber != 1;
        if (reopened)
        {
            EndPage();
            gfx = XGraphics.FromPdfPage(firstPage, XGraphicsPdfPageOptions.Append);
        }

        var top = firstPage.Height.Point - MarginBottom - (addressee.Count * lineHeight);
        foreach (var line in addressee)
        {
            DrawLine(line, Left, top, justify: false);
            top += lineHeight;
        }
    }

    private void DrawAddresseeAfterSignatures(List<TextLine> addressee)
    {
        Space(2 * lineHeight);
        FlowLines(addressee, (line, _) => DrawLine(line, Left, y, justify: false));
    }
}
