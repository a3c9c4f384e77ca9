using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Rendering;

/// <summary>
/// Lays out and draws one letter into a PDF document, appending its pages. One instance per letter: it holds
/// the current page and the vertical position, so concurrent renders share nothing but fonts.
/// </summary>
internal sealed partial class LetterComposer : IDisposable
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
    private readonly double lineHeight;
    private readonly double paragraphGap;

    private PdfPage? page;
    private XGraphics? gfx;
    private int firstPageIndex = -1;
    private int pageNumber;
    private double y;
    private double firstPageBottom;

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
