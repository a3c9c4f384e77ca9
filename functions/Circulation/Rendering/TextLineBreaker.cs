using System.Globalization;
using PdfSharp.Drawing;

namespace Circulation.Rendering;

/// <summary>
/// Splits styled text into words and breaks words into lines, greedily, over measured widths. Words are
/// separated by spaces, tabs and line feeds only, so a no-break space (U+00A0) keeps "7 November" together;
/// soft hyphens are removed (lines are not hyphenated); a word wider than a line is cut between characters.
/// </summary>
internal static class TextLineBreaker
{
    private const double Tolerance = 0.001;

    // Lines are not hyphenated, so a soft hyphen never shows; drawn as a glyph it would print a hyphen mid-line.
    private const string SoftHyphen = "\u00AD";

    /// <summary>
    /// The words of <paramref name="spans"/>; <paramref name="fontOf"/> gives each style's font and
    /// <paramref name="measure"/> the width of text in a font. A word may change font part-way.
    /// </summary>
    public static List<LineWord> Words(IReadOnlyList<TextSpan> spans, Func<TextStyle, XFont> fontOf, Func<string, XFont, double> measure)
    {
        var words = new List<LineWord>();
        var pieces = new List<WordPiece>();
        foreach (var span in spans)
        {
            if (span.IsLineBreak)
            {
                EndWord(breakAfter: true);
                continue;
            }

            var font = fontOf(span.Style);
            string text = span.Text.Contains(SoftHyphen, StringComparison.Ordinal) ? span.Text.Replace(SoftHyphen, string.Empty, StringComparison.Ordinal) : span.Text;
            int start = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i < text.Length && !IsBreakingSpace(text[i]))
                {
                    continue;
                }

                if (i > start)
                {
                    string piece = text[start..i];
                    pieces.Add(new WordPiece(piece, font, measure(piece, font)));
                }

                if (i < text.Length)
                {
                    EndWord(breakAfter: false);
                }

                start = i + 1;
            }
        }

        EndWord(breakAfter: false);
        return words;

        void EndWord(bool breakAfter)
        {
            if (pieces.Count > 0)
            {
                words.Add(new LineWord(pieces.ToArray(), pieces.Sum(p => p.Width), breakAfter));
                pieces.Clear();
            }
            else if (breakAfter && words.Count > 0)
            {
                words[^1] = words[^1] with { BreakAfter = true };
            }
        }
    }

    /// <summary>The words of plain text in one font.</summary>
    public static List<LineWord> Words(string text, XFont font, Func<string, XFont, double> measure) =>
        Words([new TextSpan(text, TextStyle.Regular)], _ => font, measure);

    /// <summary>Breaks <paramref name="words"/> into lines.</summary>
    /// <param name="words">The words, in order.</param>
    /// <param name="measure">Width of text in a font, in points (to cut words too long for a line).</param>
    /// <param name="spaceWidth">Width of one space, in points.</param>
    /// <param name="firstLineWidth">Available width of the first line (smaller when indented).</param>
    /// <param name="otherLinesWidth">Available width of the following lines.</param>
    public static IReadOnlyList<TextLine> Break(
        IReadOnlyList<LineWord> words,
        Func<string, XFont, double> measure,
        double spaceWidth,
        double firstLineWidth,
        double otherLinesWidth)
    {
        var lines = new List<TextLine>();
        var line = new List<LineWord>();
        var lineWidth = 0.0;

        double Available() => lines.Count == 0 ? firstLineWidth : otherLinesWidth;

        void Flush(bool isLast)
        {
            lines.Add(new TextLine(line.ToArray(), lineWidth, Available(), spaceWidth, isLast));
            line.Clear();
            lineWidth = 0;
        }

        void Add(LineWord word)
        {
            if (line.Count > 0)
            {
                lineWidth += spaceWidth;
            }

            line.Add(word);
            lineWidth += word.Width;
        }

        foreach (var original in words)
        {
            var word = original;
            if (line.Count > 0 && lineWidth + spaceWidth + word.Width > Available() + Tolerance)
            {
                Flush(isLast: false);
            }

            while (line.Count == 0 && word.Width > Available() + Tolerance)
            {
                var (head, tail) = SplitToFit(word, measure, Available());
                if (tail is null)
                {
                    break;
                }

                Add(head);
                Flush(isLast: false);
                word = tail;
            }

            Add(word);
            if (word.BreakAfter)
            {
                Flush(isLast: true);
            }
        }

        if (line.Count > 0)
        {
            Flush(isLast: true);
        }

        return lines;
    }

    private static bool IsBreakingSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>Cuts the longest prefix (at least one character) of <paramref name="word"/> that fits; tail null when all fits.</summary>
    private static (LineWord Head, LineWord? Tail) SplitToFit(LineWord word, Func<string, XFont, double> measure, double available)
    {
        var head = new List<WordPiece>();
        double headWidth = 0;
        for (int p = 0; p < word.Pieces.Count; p++)
        {
            var piece = word.Pieces[p];
            if (headWidth + piece.Width <= available + Tolerance)
            {
                head.Add(piece);
                headWidth += piece.Width;
                continue;
            }

            // Cut inside this piece, between text elements (never inside a surrogate pair or a combined character).
            var elements = StringInfo.GetTextElementEnumerator(piece.Text);
            int end = 0;
            while (elements.MoveNext())
            {
                int next = elements.ElementIndex + ((string)elements.Current).Length;
                if ((end > 0 || head.Count > 0) && headWidth + measure(piece.Text[..next], piece.Font) > available + Tolerance)
                {
                    break;
                }

                end = next;
            }

            var tail = new List<WordPiece>();
            if (end > 0)
            {
                string cut = piece.Text[..end];
                head.Add(new WordPiece(cut, piece.Font, measure(cut, piece.Font)));
            }

            if (end < piece.Text.Length)
            {
                string rest = piece.Text[end..];
                tail.Add(new WordPiece(rest, piece.Font, measure(rest, piece.Font)));
            }

            tail.AddRange(word.Pieces.Skip(p + 1));
            return (new LineWord(head, head.Sum(x => x.Width)), new LineWord(tail, tail.Sum(x => x.Width), word.BreakAfter));
        }

        return (word, null);
    }
}
