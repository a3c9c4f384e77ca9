using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Circulation.Rendering;

/// <summary>
/// Reads a letter body written in a small Markdown subset (CommonMark, parsed with Markdig): paragraphs,
/// bulleted and numbered lists (nested up to three levels), italic and bold. Every other construct is
/// reported as a problem: headings, block quotes, code, HTML, links, images, tables, horizontal rules,
/// footnotes, strikethrough and link reference definitions. The parser refuses bodies with problems; a
/// body that reaches the renderer with one anyway (a version stored before these rules) prints the
/// construct's source text as it was written, so nothing is ever dropped.
/// </summary>
/// <remarks>
/// Tables, footnotes and strikethrough are not CommonMark; their Markdig extensions are switched on only so
/// that a drafter who writes one is told, instead of seeing its pipes or tildes printed as text.
/// </remarks>
public static class LetterMarkdown
{
    /// <summary>Deepest list nesting printed.</summary>
    public const int MaxListLevel = 3;

    /// <summary>What the body may use, for error messages.</summary>
    public const string Allowed = "paragraphs (separated by a blank line), bulleted lists (- item), numbered lists (1. item), *italic* and **bold**";

    /// <summary>
    /// Most Markdown marks (<see cref="Marks"/>) a body may contain. The parser's work grows faster than the number of
    /// marks; a letter with a few hundred italic and bold phrases stays far below this.
    /// </summary>
    public const int MaxMarks = 2_000;

    private const string Marks = "*_[]<>`~|\\";

    // The parser takes seconds over a line opening thousands of lists or quotes ("- - - - ..."), before its own
    // nesting limit stops it; a letter's line opens at most three.
    private const int MaxMarkersOpeningALine = 8;

    private const string NestedTooDeeply =
        "nests brackets, emphasis, quotes or lists deeper than a letter ever needs; look for long runs of [, *, _, > or list markers";

    private const int MaxProblemsNamed = 5;

    private static readonly string[] Bullets = ["\u2022", "\u2013", "\u25E6"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGridTables()
        .UseFootnotes()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .Build();

    /// <summary>Parses <paramref name="markdown"/>; an empty or blank body gives no blocks.</summary>
    public static LetterBody Parse(string? markdown)
    {
        var blocks = new List<BodyBlock>();
        var problems = new List<MarkdownProblem>();
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            int marks = markdown.Count(Marks.Contains);
            if (marks > MaxMarks)
            {
                return Unreadable(markdown, string.Create(
                    CultureInfo.InvariantCulture,
                    $"has {marks:N0} Markdown marks ({string.Join(", ", Marks.ToCharArray())}), more than a letter ever needs (at most {MaxMarks:N0})"));
            }

            if (DeepestLineStart(markdown) > MaxMarkersOpeningALine)
            {
                return Unreadable(markdown, NestedTooDeeply);
            }

            try
            {
                var document = Markdown.Parse(markdown, Pipeline);
                var reader = new Reader(markdown, blocks, problems);
                reader.ReadDocument(document);
            }
            catch (ArgumentException)
            {
                // Markdig's own nesting limit, reached by runs of brackets, emphasis, quote or list markers.
                return Unreadable(markdown, NestedTooDeeply);
            }
        }

        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new LetterBody(blocks, problems);
    }

    /// <summary>The most list or quote markers ("-", "+", "*", "1.", "1)", ">") any line of <paramref name="markdown"/> opens with.</summary>
    private static int DeepestLineStart(string markdown)
    {
        int deepest = 0;
        foreach (var line in markdown.AsSpan().EnumerateLines())
        {
            int markers = 0;
            int i = 0;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }

                int start = i;
                while (i < line.Length && char.IsAsciiDigit(line[i]) && i - start < 9)
                {
                    i++;
                }

                bool marker = i > start
                    ? i < line.Length && line[i] is '.' or ')'
                    : i < line.Length && line[i] is '-' or '+' or '*' or '>';
                if (!marker || (line[i] != '>' && i + 1 < line.Length && line[i + 1] is not (' ' or '\t')))
                {
                    break;
                }

                markers++;
                i++;
            }

            deepest = Math.Max(deepest, markers);
        }

        return deepest;
    }

    private static LetterBody Unreadable(string markdown, string why) =>
        new([new BodyBlock([new TextSpan(markdown, TextStyle.Regular)], 0, null, BlockSpacing.Paragraph)], [], why);

    /// <summary>One phrase naming every problem, e.g. "a heading on line 1 and a link on line 4 (write the address as plain text)".</summary>
    public static string Describe(IReadOnlyList<MarkdownProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var parts = problems
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Construct} on line {p.Line}{(p.Hint is null ? "" : $" ({p.Hint})")}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (parts.Count > MaxProblemsNamed)
        {
            int more = parts.Count - MaxProblemsNamed;
            parts = [.. parts.Take(MaxProblemsNamed), string.Create(CultureInfo.InvariantCulture, $"{more} more")];
        }

        return parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };
    }

    /// <summary>Walks the syntax tree once, collecting printable blocks and problems.</summary>
    private sealed class Reader(string source, List<BodyBlock> blocks, List<MarkdownProblem> problems)
    {
        private bool previousWasList;

        public void ReadDocument(MarkdownDocument document)
        {
            foreach (var block in document)
            {
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        this.AddParagraph(paragraph, listLevel: 0, marker: null, BlockSpacing.Paragraph);
                        this.previousWasList = false;
                        break;
                    case ListBlock list:
                        this.ReadList(list, level: 1);
                        this.previousWasList = true;
                        break;
                    case LinkReferenceDefinitionGroup group:
                        // Definitions vanish from CommonMark output; say so rather than lose the text silently.
                        foreach (var definition in group)
                        {
                            if (definition is FootnoteLinkReferenceDefinition)
                            {
                                this.Problem("a footnote", definition);
                                this.AddLiteral(definition, listLevel: 0);
                            }
                            else
                            {
                                this.Problem("a link reference definition", definition, "a line like [label]: address, which is not printed");
                                this.AddLiteral(definition, listLevel: 0);
                            }
                        }

                        break;
                    case FootnoteGroup:
                        break; // reported and printed where each footnote is defined (above)
                    default:
                        this.Problem(block);
                        this.AddLiteral(block, listLevel: 0);
                        this.previousWasList = false;
                        break;
                }
            }
        }

        private void ReadList(ListBlock list, int level)
        {
            if (level > MaxListLevel)
            {
                this.Problem(string.Create(CultureInfo.InvariantCulture, $"a list nested more than {MaxListLevel} levels deep"), list);
                this.AddLiteral(list, MaxListLevel);
                return;
            }

            int number = 1;
            if (list.IsOrdered && !int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                number = 1;
            }

            int index = 0;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                string marker = list.IsOrdered
                    ? string.Create(CultureInfo.InvariantCulture, $"{number + index}{list.OrderedDelimiter}")
                    : Bullets[(level - 1) % Bullets.Length];
                var first = index == 0
                    ? (level == 1 ? (this.previousWasList || blocks.Count == 0 ? BlockSpacing.Paragraph : BlockSpacing.List) : BlockSpacing.ListItem)
                    : (list.IsLoose ? BlockSpacing.List : BlockSpacing.ListItem);
                this.ReadItem(item, level, marker, first, list.IsLoose);
                index++;
            }
        }

        private void ReadItem(ListItemBlock item, int level, string marker, BlockSpacing spacing, bool loose)
        {
            string? pendingMarker = marker;
            foreach (var block in item)
            {
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        this.AddParagraph(paragraph, level, pendingMarker, pendingMarker is null ? (loose ? BlockSpacing.List : BlockSpacing.ListItem) : spacing);
                        pendingMarker = null;
                        break;
                    case ListBlock nested:
                        if (pendingMarker is not null)
                        {
                            // An item that starts with a nested list: print its marker on an empty line.
                            blocks.Add(new BodyBlock([], level, pendingMarker, spacing));
                            pendingMarker = null;
                        }

                        this.ReadList(nested, level + 1);
                        break;
                    default:
                        this.Problem(block);
                        blocks.Add(new BodyBlock([new TextSpan(this.SourceOf(block), TextStyle.Regular)], level, pendingMarker, spacing));
                        pendingMarker = null;
                        break;
                }
            }

            if (pendingMarker is not null)
            {
                blocks.Add(new BodyBlock([], level, pendingMarker, spacing)); // an empty item
            }
        }

        private void AddParagraph(ParagraphBlock paragraph, int listLevel, string? marker, BlockSpacing spacing)
        {
            var spans = new List<TextSpan>();
            if (paragraph.Inline is not null)
            {
                this.ReadInlines(paragraph.Inline, TextStyle.Regular, spans);
            }

            blocks.Add(new BodyBlock(Merge(spans), listLevel, marker, spacing));
        }

        private void ReadInlines(ContainerInline container, TextStyle style, List<TextSpan> spans)
        {
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        spans.Add(new TextSpan(literal.Content.ToString(), style));
                        break;
                    case HtmlEntityInline entity:
                        spans.Add(new TextSpan(entity.Transcoded.ToString(), style));
                        break;
                    case LineBreakInline lineBreak:
                        spans.Add(lineBreak.IsHard ? TextSpan.LineBreak : new TextSpan(" ", style));
                        break;
                    case EmphasisInline emphasis when emphasis.DelimiterChar is '*' or '_' && emphasis.DelimiterCount is 1 or 2:
                        this.ReadInlines(emphasis, style | (emphasis.DelimiterCount == 2 ? TextStyle.Bold : TextStyle.Italic), spans);
                        break;
                    case EmphasisInline:
                        this.Problem("strikethrough", inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case LinkInline { IsImage: true }:
                        this.Problem("an image", inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case LinkInline:
                    case AutolinkInline:
                        this.Problem("a link", inline, "write the address as plain text");
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case CodeInline:
                        this.Problem("inline code", inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case HtmlInline:
                        this.Problem("HTML", inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case FootnoteLink:
                        this.Problem("a footnote", inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                    case ContainerInline nested:
                        // Unmatched brackets and delimiters Markdig leaves as containers: print their text.
                        this.ReadInlines(nested, style, spans);
                        break;
                    default:
                        this.Problem(inline.GetType().Name, inline);
                        spans.Add(new TextSpan(this.SourceOf(inline), style));
                        break;
                }
            }
        }

        /// <summary>The construct as it was written (what a body with a problem prints in its place).</summary>
        private string SourceOf(MarkdownObject item) =>
            item.Span.Start >= 0 && item.Span.End < source.Length && item.Span.Length > 0 ? source.Substring(item.Span.Start, item.Span.Length) : "";

        private void AddLiteral(MarkdownObject item, int listLevel) =>
            blocks.Add(new BodyBlock([new TextSpan(this.SourceOf(item), TextStyle.Regular)], listLevel, null, listLevel == 0 ? BlockSpacing.Paragraph : BlockSpacing.ListItem));

        private void Problem(string construct, MarkdownObject where, string? hint = null) => problems.Add(new MarkdownProblem(construct, where.Line + 1, hint));

        private void Problem(Block block)
        {
            string? hint = block is CodeBlock and not FencedCodeBlock ? "a line indented by four or more spaces; remove the indentation" : null;
            this.Problem(Name(block), block, hint);
        }

        private static string Name(Block block) => block switch
        {
            HeadingBlock => "a heading",
            QuoteBlock => "a block quote",
            FencedCodeBlock => "a code block",
            CodeBlock => "a code block",
            HtmlBlock => "HTML",
            ThematicBreakBlock => "a horizontal rule",
            Table => "a table",
            Footnote => "a footnote",
            _ => block.GetType().Name,
        };

        /// <summary>Joins neighbouring runs of the same style (Markdig splits text at every delimiter it tried).</summary>
        private static List<TextSpan> Merge(List<TextSpan> spans)
        {
            var merged = new List<TextSpan>(spans.Count);
            var text = new StringBuilder();
            TextStyle? current = null;
            foreach (var span in spans)
            {
                if (span.IsLineBreak || current != span.Style)
                {
                    Flush();
                }

                if (span.IsLineBreak)
                {
                    merged.Add(span);
                    continue;
                }

                current = span.Style;
                text.Append(span.Text);
            }

            Flush();
            return merged;

            void Flush()
            {
                if (text.Length > 0 && current is { } style)
                {
                    merged.Add(new TextSpan(text.ToString(), style));
                }

                text.Clear();
                current = null;
            }
        }
    }
}
