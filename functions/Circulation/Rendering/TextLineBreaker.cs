using System.Globalization;

namespace Circulation.Rendering;

/// <summary>
/// Greedy line breaker over a width measure (XGraphics.MeasureString in practice). Breaks at spaces and
/// tabs only, so a no-break space (U+00A0) keeps "7 November" together; a word wider than a line is
/// cut between characters.
/// </summary>
internal static class TextLineBreaker
{
    private const double Tolerance = 0.001;
    private static readonly char[] BreakChars = [' ', '\t'];

    /// <summary>Breaks <paramref name="text"/> into lines.</summary>
    /// <param name="text">Text on one logical line (no line feeds).</param>
    /// <param name="measure">Width of a string, in points.</param>
    /// <param name="spaceWidth">Width of one space, in points.</param>
    /// <param name="firstLineWidth">Available width of the first line (smaller when indented).</param>
    /// <param name="otherLinesWidth">Available width of the following lines.</param>
    public static IReadOnlyList<TextLine> Break(
        string text,
        Func<string, double> measure,
        double spaceWidth,
        double firstLineWidth,
        double otherLinesWidth)
    {
        var lines = new List<TextLine>();
        var words = new List<string>();
        var widths = new List<double>();
        var lineWidth = 0.0;

        double Available() => lines.Count == 0 ? firstLineWidth : otherLinesWidth;

        void Flush(bool isLast)
        {
            lines.Add(new TextLine(words.ToArray(), widths.ToArray(), lineWidth, Available(), isLast));
            words.Clear();
            widths.Clear();
            lineWidth = 0;
        }

        void Add(string word, double width)
        {
            if (words.Count > 0)
            {
                lineWidth += spaceWidth;
            }

            words.Add(word);
            widths.Add(width);
            lineWidth += width;
        }

        foreach (var token in text.Split(BreakChars, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = token;
            var width = measure(word);
            if (words.Count > 0 && lineWidth + spaceWidth + width > Available() + Tolerance)
            {
                Flush(isLast: false);
            }

            while (words.Count == 0 && width > Available() + Tolerance)
            {
                var (head, tail) = SplitToFit(word, measure, Available());
                if (tail.Length == 0)
                {
                    break;
                }

                Add(head, measure(head));
                Flush(isLast: false);
                word = tail;
                width = measure(word);
            }

            Add(word, width);
        }

        if (words.Count > 0)
        {
            Flush(isLast: true);
        }

        return lines;
    }

    /// <summary>Cuts the longest prefix (at least one character) of <paramref name="word"/> that fits.</summary>
    private static (string Head, string Tail) SplitToFit(string word, Func<string, double> measure, double available)
    {
        var elements = StringInfo.GetTextElementEnumerator(word);
        var end = 0;
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if (end > 0 && measure(word[..next]) > available + Tolerance)
            {
                break;
            }

            end = next;
        }

        return (word[..end], word[end..]);
    }
}
