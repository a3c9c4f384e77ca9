using Circulation.Rendering;
using Xunit;

namespace Circulation.Tests.Rendering;

public sealed class LetterMarkdownTests
{
    [Fact]
    public void Parse_Paragraphs_GiveOneBlockEachWithSoftBreaksAsSpaces()
    {
        var body = LetterMarkdown.Parse("First line\nstill the first paragraph.\n\nSecond paragraph.");

        Assert.Empty(body.Problems);
        Assert.Collection(
            body.Blocks,
            b => Assert.Equal("First line still the first paragraph.", Text(b)),
            b => Assert.Equal("Second paragraph.", Text(b)));
        Assert.All(body.Blocks, b => Assert.Equal((0, null, BlockSpacing.Paragraph), (b.ListLevel, b.Marker, b.SpaceBefore)));
    }

    [Fact]
    public void Parse_Emphasis_GivesStyledRuns()
    {
        var body = LetterMarkdown.Parse("Plain *italic* **bold** ***both*** _u_ __b__.");

        var spans = Assert.Single(body.Blocks).Spans;
        Assert.Equal(
            [
                new TextSpan("Plain ", TextStyle.Regular), new TextSpan("italic", TextStyle.Italic), new TextSpan(" ", TextStyle.Regular),
                new TextSpan("bold", TextStyle.Bold), new TextSpan(" ", TextStyle.Regular), new TextSpan("both", TextStyle.Bold | TextStyle.Italic),
                new TextSpan(" ", TextStyle.Regular), new TextSpan("u", TextStyle.Italic), new TextSpan(" ", TextStyle.Regular),
                new TextSpan("b", TextStyle.Bold), new TextSpan(".", TextStyle.Regular),
            ],
            spans);
    }

    [Fact]
    public void Parse_BulletedListAfterAParagraph_GivesItemsWithBulletsAndTighterSpacing()
    {
        var body = LetterMarkdown.Parse("Dates:\n- 27-28 February 2018;\n- 12 March 2018.\n\nAfter.");

        Assert.Collection(
            body.Blocks,
            b => Assert.Equal((0, (string?)null, BlockSpacing.Paragraph), (b.ListLevel, b.Marker, b.SpaceBefore)),
            b => Assert.Equal((1, (string?)"\u2022", BlockSpacing.List, "27-28 February 2018;"), (b.ListLevel, b.Marker, b.SpaceBefore, Text(b))),
            b => Assert.Equal((1, (string?)"\u2022", BlockSpacing.ListItem, "12 March 2018."), (b.ListLevel, b.Marker, b.SpaceBefore, Text(b))),
            b => Assert.Equal((0, (string?)null, BlockSpacing.Paragraph, "After."), (b.ListLevel, b.Marker, b.SpaceBefore, Text(b))));
    }

    [Fact]
    public void Parse_NumberedList_KeepsItsStartAndDelimiter()
    {
        var body = LetterMarkdown.Parse("3) three\n4) four");

        Assert.Equal(["3)", "4)"], body.Blocks.Select(b => b.Marker));
    }

    [Fact]
    public void Parse_NestedLists_GiveDeeperLevelsAndOtherBullets()
    {
        var body = LetterMarkdown.Parse("- one\n  - two\n    1. three");

        Assert.Equal([(1, "\u2022"), (2, "\u2013"), (3, "1.")], body.Blocks.Select(b => (b.ListLevel, b.Marker!)));
    }

    [Fact]
    public void Parse_LooseListItemWithTwoParagraphs_GivesTheMarkerOnlyToTheFirst()
    {
        var body = LetterMarkdown.Parse("- first item\n\n  its second paragraph\n\n- second item");

        Assert.Equal(["\u2022", null, "\u2022"], body.Blocks.Select(b => b.Marker));
        Assert.All(body.Blocks, b => Assert.Equal(1, b.ListLevel));
    }

    [Fact]
    public void Parse_HardLineBreak_GivesALineBreakSpan()
    {
        var body = LetterMarkdown.Parse("Conference Room 4\\\nUnited Nations Headquarters");

        Assert.Contains(TextSpan.LineBreak, Assert.Single(body.Blocks).Spans);
    }

    [Fact]
    public void Parse_EmptyBody_GivesNothing()
    {
        Assert.Empty(LetterMarkdown.Parse("  \n ").Blocks);
    }

    [Fact]
    public void Parse_ForbiddenConstructs_AreReportedAndKeptAsWritten()
    {
        // The parser refuses such bodies; one that reaches the renderer anyway (stored before the rules)
        // prints the constructs as their source text rather than losing them.
        var body = LetterMarkdown.Parse("# Title\n\nSee [site](https://un.org).\n\n[ref]: https://un.org");

        Assert.Equal([("a heading", 1), ("a link", 3), ("a link reference definition", 5)], body.Problems.Select(p => (p.Construct, p.Line)));
        Assert.Equal(["# Title", "See [site](https://un.org).", "[ref]: https://un.org"], body.Blocks.Select(Text));
    }

    [Fact]
    public void Describe_ManyProblems_NamesTheFirstFiveAndCountsTheRest()
    {
        var body = LetterMarkdown.Parse(string.Join("\n\n", Enumerable.Range(1, 8).Select(i => $"# Heading {i}")));

        Assert.Equal(
            "a heading on line 1, a heading on line 3, a heading on line 5, a heading on line 7, a heading on line 9 and 3 more",
            LetterMarkdown.Describe(body.Problems));
    }

    private static string Text(BodyBlock block) => string.Concat(block.Spans.Select(s => s.Text));
}
