using System.Text;

namespace Circulation.Rendering;

/// <summary>
/// Splits a letter body into blocks: paragraphs are separated by blank lines, the lines of a paragraph
/// are joined with spaces, and a line starting with "- " opens a bulleted list item (following lines
/// that do not start with "- " continue that item).
/// </summary>
internal static class LetterBodyParser
{
    private const string BulletMarker = "- ";

    /// <summary>Parses <paramref name="body"/>; an empty body gives no blocks.</summary>
    public static IReadOnlyList<BodyBlock> Parse(string? body)
    {
        var blocks = new List<BodyBlock>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return blocks;
        }

        var text = new StringBuilder();
        var isBullet = false;
        var paragraphHasBlock = false;

        void FlushBlock()
        {
            if (text.Length > 0)
            {
                blocks.Add(new BodyBlock(text.ToString(), isBullet, StartsParagraph: !paragraphHasBlock));
                paragraphHasBlock = true;
            }

            text.Clear();
            isBullet = false;
        }

        foreach (var rawLine in body.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                FlushBlock();
                paragraphHasBlock = false;
                continue;
            }

            if (line.StartsWith(BulletMarker, StringComparison.Ordinal) || line == "-")
            {
                FlushBlock();
                isBullet = true;
                line = line[1..].Trim();
                if (line.Length == 0)
                {
                    continue;
                }
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        FlushBlock();

        return blocks;
    }
}
