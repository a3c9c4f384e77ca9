using PdfSharp.Drawing;

namespace Circulation.Rendering;

// Typography: measuring text (cached per font), breaking it into lines (TextLineBreaker) and drawing a line centred or
// justified.
internal sealed partial class LetterComposer
{
    private readonly Dictionary<(XFont Font, string Text), double> widths = [];
    private readonly Dictionary<XFont, double> spaceWidths = [];

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
}
