using Circulation.Rendering;
using PdfSharp.Drawing;
using Xunit;

namespace Circulation.Tests.Rendering;

/// <summary>The line breaker over a simple measure: every character is 5 points wide, a space 3 points.</summary>
public sealed class TextLineBreakerTests
{
    private const double Space = 3;
    private static readonly XFont Font = LetterFontSet.Shared.Body;

    [Fact]
    public void Break_EveryWordComesOutOnce_InOrder_AndNoLineOverflows()
    {
        var text = string.Join(' ', Enumerable.Range(0, 120).Select(i => new string('w', 1 + (i * 7 % 9)) + i));

        var lines = Break(text, 200, 200);

        Assert.Equal(text, string.Join(' ', lines.Select(l => l.Text)));
        Assert.All(lines, l => Assert.True(l.NaturalWidth <= 200.001, $"'{l.Text}' is {l.NaturalWidth} wide"));
        Assert.True(lines[^1].IsLast);
        Assert.All(lines.SkipLast(1), l => Assert.False(l.IsLast));
    }

    [Fact]
    public void Break_BalancesTheLinesInsteadOfFillingEachGreedily()
    {
        // Greedy filling gives "aaa bb" / "cc" / "ddddd": a lone "cc" with 20 points to spread and no space to
        // spread them in. Breaking the paragraph as a whole gives "aaa" / "bb cc" / "ddddd".
        var lines = Break("aaa bb cc ddddd", 30, 30);

        Assert.Equal(["aaa", "bb cc", "ddddd"], lines.Select(l => l.Text));
    }

    [Fact]
    public void Break_LoneShortLastWord_IsAvoidedWhenALooserLineAboveCanTakeIt()
    {
        // 31 two-letter words at 13 points each on 200-point lines: greedy gives 15 + 15 + a lone "ab".
        var lines = Break(string.Join(' ', Enumerable.Repeat("ab", 31)), 200, 200);

        Assert.Equal(3, lines.Count);
        Assert.True(lines[^1].Words.Count > 1, string.Join(" | ", lines.Select(l => l.Text)));
    }

    [Fact]
    public void Break_FirstLineWidth_AppliesToTheFirstLineOnly()
    {
        var lines = Break("aaaa bbbb cccc dddd eeee ffff gggg", 50, 100);

        Assert.True(lines[0].NaturalWidth <= 50.001);
        Assert.Equal(50, lines[0].AvailableWidth);
        Assert.All(lines.Skip(1), l => Assert.Equal(100, l.AvailableWidth));
    }

    [Fact]
    public void Break_ForcedBreak_EndsALineThatIsNotJustified()
    {
        var words = TextLineBreaker.Words([new TextSpan("aaaa bbbb", TextStyle.Regular), TextSpan.LineBreak, new TextSpan("cccc", TextStyle.Regular)], _ => Font, Measure);

        var lines = TextLineBreaker.Break(words, Measure, Space, 500, 500);

        Assert.Equal(["aaaa bbbb", "cccc"], lines.Select(l => l.Text));
        Assert.All(lines, l => Assert.True(l.IsLast));
    }

    [Fact]
    public void Break_WordWiderThanALine_IsCutBetweenCharacters()
    {
        var lines = Break("ab " + new string('x', 50) + " cd", 100, 100);

        Assert.Equal("ab" + new string('x', 50) + "cd", string.Concat(lines.Select(l => l.Text.Replace(" ", "", StringComparison.Ordinal))));
        Assert.All(lines, l => Assert.True(l.NaturalWidth <= 100.001));
    }

    private static IReadOnlyList<TextLine> Break(string text, double first, double other) =>
        TextLineBreaker.Break(TextLineBreaker.Words(text, Font, Measure), Measure, Space, first, other);

    private static double Measure(string text, XFont font) => text.Length * 5.0;
}
