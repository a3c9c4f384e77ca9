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

    /// <summary>
    /// Breaks <paramref name="words"/> into lines. Each paragraph (or run up to a forced break) is broken as
    /// a whole, choosing the breaks that spread the justification space most evenly (a minimum-demerits
    /// search in the manner of Knuth and Plass, without hyphenation) rather than filling each line greedily,
    /// which leaves the occasional very loose line.
    /// </summary>
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
        // Words wider than a line are cut first, so every line below holds at least one whole piece.
        var narrowest = Math.Min(firstLineWidth, otherLinesWidth);
        var fitted = new List<LineWord>(words.Count);
        foreach (var original in words)
        {
            var word = original;
            while (word.Width > narrowest + Tolerance)
            {
                var (head, tail) = SplitToFit(word, measure, narrowest);
                if (tail is null)
                {
                    break;
                }

                fitted.Add(head);
                word = tail;
            }

            fitted.Add(word);
        }

        var lines = new List<TextLine>();
        var start = 0;
        for (var i = 0; i < fitted.Count; i++)
        {
            if (fitted[i].BreakAfter || i == fitted.Count - 1)
            {
                var width = lines.Count == 0 ? firstLineWidth : otherLinesWidth;
                BreakRun(fitted, start, i + 1, spaceWidth, width, otherLinesWidth, lines);
                start = i + 1;
            }
        }

        return lines;
    }

    /// <summary>Breaks words[start..end) (no forced break inside) into lines with the fewest demerits.</summary>
    private static void BreakRun(List<LineWord> words, int start, int end, double spaceWidth, double firstWidth, double otherWidth, List<TextLine> lines)
    {
        const double LinePenalty = 10;
        const double RuntPenalty = 10_000;
        var count = end - start;
        var best = new double[count + 1];
        var next = new int[count + 1];
        best[count] = 0;
        for (var i = count - 1; i >= 0; i--)
        {
            var available = i == 0 ? firstWidth : otherWidth;
            best[i] = double.PositiveInfinity;
            var width = 0.0;
            for (var j = i + 1; j <= count; j++)
            {
                width += words[start + j - 1].Width + (j > i + 1 ? spaceWidth : 0);
                if (width > available + Tolerance && j > i + 1)
                {
                    break;
                }

                double demerits;
                if (j == count)
                {
                    // The last line is set with single spaces, so any length will do, but a lone short word
                    // there looks stranded: worth a somewhat looser line above to avoid it.
                    var runt = i > 0 && j - i == 1 && width < available / 4;
                    demerits = (LinePenalty * LinePenalty) + (runt ? RuntPenalty : 0);
                }
                else
                {
                    // Knuth's badness: 100 r^3, r = the stretch each space takes, relative to a space.
                    var gaps = j - i - 1;
                    var ratio = Math.Max(0, available - width) / (Math.Max(gaps, 1) * spaceWidth) * (gaps == 0 ? 4 : 1);
                    var badness = 100 * ratio * ratio * ratio;
                    demerits = (LinePenalty + badness) * (LinePenalty + badness);
                }

                if (demerits + best[j] < best[i])
                {
                    best[i] = demerits + best[j];
                    next[i] = j;
                }
            }
        }

        for (var i = 0; i < count; i = next[i])
        {
            var j = next[i];
            var lineWords = words.GetRange(start + i, j - i);
            var natural = lineWords.Sum(w => w.Width) + ((lineWords.Count - 1) * spaceWidth);
            lines.Add(new TextLine(lineWords, natural, i == 0 ? firstWidth : otherWidth, spaceWidth, IsLast: j == count));
        }
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
