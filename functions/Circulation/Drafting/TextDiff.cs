using System.Globalization;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Circulation.Drafting;

/// <summary>
/// Compares sequences (the words of a paragraph, the paragraphs of a body) with DiffPlex (Myers' algorithm), after
/// taking off the common beginning and end. The differing middle is bounded by <see cref="MaxDifferingElements"/>, so
/// a huge rewrite cannot take unbounded time (Myers' time grows with the square of the middle's length at worst):
/// beyond it the middle is reported as removed and then added, which is still correct.
/// </summary>
public static class TextDiff
{
    /// <summary>Most elements of both differing middles together that one comparison aligns (a few milliseconds at worst).</summary>
    public const int MaxDifferingElements = 2_000;

    /// <summary>The words of <paramref name="before"/> and <paramref name="after"/> as runs of same, removed and added words.</summary>
    public static IReadOnlyList<DiffSegment> Words(string before, string after)
    {
        string[] a = Tokens(before);
        string[] b = Tokens(after);
        var segments = new List<DiffSegment>();
        var same = new List<string>();
        var removed = new List<string>();
        var added = new List<string>();

        // Within a run of changes, removed words come before added ones: "[-in the coming weeks-] {+on 12 March+}".
        void FlushChanges()
        {
            if (removed.Count > 0)
            {
                segments.Add(new DiffSegment(DiffKind.Removed, string.Join(' ', removed)));
                removed.Clear();
            }

            if (added.Count > 0)
            {
                segments.Add(new DiffSegment(DiffKind.Added, string.Join(' ', added)));
                added.Clear();
            }
        }

        foreach (var (kind, i, j) in Align(a, b))
        {
            if (kind == DiffKind.Same)
            {
                FlushChanges();
                same.Add(a[i]);
                continue;
            }

            if (same.Count > 0)
            {
                segments.Add(new DiffSegment(DiffKind.Same, string.Join(' ', same)));
                same.Clear();
            }

            (kind == DiffKind.Removed ? removed : added).Add(kind == DiffKind.Removed ? a[i] : b[j]);
        }

        FlushChanges();
        if (same.Count > 0)
        {
            segments.Add(new DiffSegment(DiffKind.Same, string.Join(' ', same)));
        }

        return segments;
    }

    /// <summary>
    /// Aligns <paramref name="a"/> with <paramref name="b"/>: each step is Same (indexes into both), Removed (index into
    /// <paramref name="a"/>) or Added (index into <paramref name="b"/>), in reading order.
    /// </summary>
    public static IReadOnlyList<(DiffKind Kind, int A, int B)> Align(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int prefix = 0;
        while (prefix < a.Count && prefix < b.Count && string.Equals(a[prefix], b[prefix], StringComparison.Ordinal))
        {
            prefix++;
        }

        int suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix
            && string.Equals(a[a.Count - 1 - suffix], b[b.Count - 1 - suffix], StringComparison.Ordinal))
        {
            suffix++;
        }

        var steps = new List<(DiffKind, int, int)>(a.Count + b.Count);
        for (int k = 0; k < prefix; k++)
        {
            steps.Add((DiffKind.Same, k, k));
        }

        int n = a.Count - prefix - suffix;
        int m = b.Count - prefix - suffix;
        if (n == 0 || m == 0 || n + m > MaxDifferingElements)
        {
            for (int i = 0; i < n; i++)
            {
                steps.Add((DiffKind.Removed, prefix + i, -1));
            }

            for (int j = 0; j < m; j++)
            {
                steps.Add((DiffKind.Added, -1, prefix + j));
            }
        }
        else
        {
            AlignMiddle(a, b, prefix, n, m, steps);
        }

        for (int k = 0; k < suffix; k++)
        {
            steps.Add((DiffKind.Same, a.Count - suffix + k, b.Count - suffix + k));
        }

        return steps;
    }

    private static void AlignMiddle(IReadOnlyList<string> a, IReadOnlyList<string> b, int offset, int n, int m, List<(DiffKind, int, int)> steps)
    {
        // DiffPlex compares text pieces; each distinct element becomes a number on its own line, so any element
        // (line breaks included) compares whole and exactly.
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        string Numbered(IReadOnlyList<string> items, int count)
        {
            var lines = new string[count];
            for (int k = 0; k < count; k++)
            {
                if (!numbers.TryGetValue(items[offset + k], out int number))
                {
                    number = numbers.Count;
                    numbers.Add(items[offset + k], number);
                }

                lines[k] = number.ToString(CultureInfo.InvariantCulture);
            }

            return string.Join('\n', lines);
        }

        var result = Differ.Instance.CreateDiffs(Numbered(a, n), Numbered(b, m), ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);

        int x = 0;
        int y = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (x < block.DeleteStartA)
            {
                steps.Add((DiffKind.Same, offset + x++, offset + y++));
            }

            for (int k = 0; k < block.DeleteCountA; k++)
            {
                steps.Add((DiffKind.Removed, offset + x++, -1));
            }

            for (int k = 0; k < block.InsertCountB; k++)
            {
                steps.Add((DiffKind.Added, -1, offset + y++));
            }
        }

        while (x < n)
        {
            steps.Add((DiffKind.Same, offset + x++, offset + y++));
        }
    }

    private static string[] Tokens(string text) => (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
