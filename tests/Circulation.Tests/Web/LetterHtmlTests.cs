using Circulation.Drafting;
using Circulation.Web;
using Xunit;

namespace Circulation.Tests.Web;

public sealed class LetterHtmlTests
{
    [Fact]
    public void Body_ParagraphsAndEmphasis_BecomeEncodedHtml()
    {
        Assert.Equal(
            "<p>On <strong>12 March</strong>, <em>5 &lt; 6</em> &amp; more.</p><p>Second.</p>",
            LetterHtml.Body("On **12 March**, *5 < 6* & more.\n\nSecond."));
    }

    [Fact]
    public void Body_NestedAndNumberedLists_BecomeNestedListElements()
    {
        var html = LetterHtml.Body("Items:\n\n- one\n  1. sub one\n  2. sub two\n- two\n\n3. three\n\nAfter.");

        Assert.Equal(
            "<p>Items:</p><ul><li>one<ol><li>sub one</li><li>sub two</li></ol></li><li>two</li></ul><ol start=\"3\"><li>three</li></ol><p>After.</p>",
            html);
    }

    [Fact]
    public void Body_HardBreakAndScriptTags_AreABreakAndEncodedText()
    {
        Assert.Equal("<p>Room 4<br>New York &lt;x&gt;</p>", LetterHtml.Body("Room 4\\\nNew York \\<x>"));
    }

    [Fact]
    public void Enclosures_AreListedAsOnTheCoverLetterWithoutTheLabel()
    {
        Assert.Equal(
            "Programme &amp; annexes",
            LetterHtml.Enclosures([new EnclosedDocument(new string('a', 64), "Programme & annexes")]));
        Assert.Equal("", LetterHtml.Enclosures(null));
    }
}
