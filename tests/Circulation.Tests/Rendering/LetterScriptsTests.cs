using Circulation.Rendering;
using Xunit;

namespace Circulation.Tests.Rendering;

public sealed class LetterScriptsTests
{
    [Theory]
    [InlineData("Côte d'Ivoire")]
    [InlineData("Türkiye")]
    [InlineData("Россия")]
    [InlineData("Ελλάδα")]
    [InlineData("Curaçao, Åland, Øresund, Œuvre, Ğ, ß, Ł, ŀ, Ș, Ț, ẞ")]
    [InlineData("Quotes “ ” ‘ ’ « » and dashes – — and • ◦ … № §")]
    [InlineData("Line one\nline two\twith a tab and a no-break\u00A0space")]
    public void FindUnprintable_LatinCyrillicGreekAndPunctuation_FindsNothing(string text)
    {
        Assert.Null(LetterScripts.FindUnprintable(text));
    }

    [Theory]
    [InlineData("مصر", "Arabic")]
    [InlineData("ישראל", "Hebrew")]
    [InlineData("भारत", "Devanagari")]
    [InlineData("বাংলাদেশ", "Bengali")]
    [InlineData("ไทย", "Thai")]
    [InlineData("中国", "Chinese")]
    [InlineData("にっぽん", "Japanese")]
    [InlineData("한국", "Korean")]
    [InlineData("Հայաստան", "Armenian")]
    [InlineData("☃", "no glyph")]
    public void FindUnprintable_OtherScripts_NamesTheScriptAndQuotesTheText(string text, string expected)
    {
        var problem = LetterScripts.FindUnprintable("The delegation of " + text + " spoke.");

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Contains(text, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("isolated\u2066text", "U+2066")]
    [InlineData("\uFEFFbyte order mark", "U+FEFF")]
    public void FindUnprintable_InvisibleFormattingCharacter_IsRefusedByCodePoint(string text, string code)
    {
        var problem = LetterScripts.FindUnprintable(text);

        Assert.Contains("invisible formatting character", problem, StringComparison.Ordinal);
        Assert.Contains(code, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void FindUnprintable_SoftHyphen_IsAccepted()
    {
        Assert.Null(LetterScripts.FindUnprintable("inter\u00ADnational"));
    }

    [Fact]
    public void FindUnprintable_CombiningMarkWithNoPrecomposedForm_IsRefused()
    {
        Assert.Contains("combining mark", LetterScripts.FindUnprintable("q\u0301"), StringComparison.Ordinal);
    }

    [Fact]
    public void FindUnprintable_CombiningMarkWithAPrecomposedForm_IsAccepted()
    {
        Assert.Null(LetterScripts.FindUnprintable("Jose\u0301"));
    }

    [Fact]
    public void FontCoverage_LiberationSerif_CoversLatinGreekCyrillicButNotCjk()
    {
        var covered = FontCoverage.Read(LetterFontResolver.LoadFace(LetterFontResolver.Regular));

        Assert.All("AzéçŁşΩωЖжЯё€", c => Assert.Contains((int)c, covered));
        Assert.DoesNotContain(0x4E2D, covered); // 中
        Assert.True(covered.Count > 1000, $"{covered.Count} characters");
    }
}
