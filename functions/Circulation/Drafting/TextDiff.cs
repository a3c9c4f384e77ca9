namespace Circulation.Drafting;

/// <summary>
/// Compares sequences (the words of a paragraph, the paragraphs of a body) by longest common subsequence, after
/// taking off the common beginning and end. The table is bounded by <see cref="MaxCells"/>, so a huge rewrite cannot
/// exhaust memory: beyond it the differing middle is reported as removed and then added, which is still correct.
/// </summary>
public static class TextDiff
{
    /// <summary>Most cells of the comparison table computed for one comparison.</summary>
    public const long MaxCells = 1_000_000;

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
        if ((long)(n + 1) * (m + 1) > MaxCells)
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
        // common[i, j]: length of the longest common subsequence of a's middle from i and b's middle from j.
        int[,] common = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                common[i, j] = string.Equals(a[offset + i], b[offset + j], StringComparison.Ordinal)
                    ? common[i + 1, j + 1] + 1
                    : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int x = 0;
        int y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && string.Equals(a[offset + x], b[offset + y], StringComparison.Ordinal))
            {
                steps.Add((DiffKind.Same, offset + x++, offset + y++));
            }
            else if (y >= m || (x < n && common[x + 1, y] >= common[x, y + 1]))
            {
                steps.Add((DiffKind.Removed, offset + x++, -1));
            }
            else
            {
                steps.Add((DiffKind.Added, -1, offset + y++));
            }
        }
    }

    private static string[] Tokens(string text) => (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
