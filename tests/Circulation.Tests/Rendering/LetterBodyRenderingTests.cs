using Circulation.Rendering;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;

namespace Circulation.Tests.Rendering;

/// <summary>How the Markdown subset of a body prints: emphasis, lists, line breaks, pagination of paragraphs.</summary>
public sealed class LetterBodyRenderingTests
{
    private const double Mm = 72 / 25.4;
    private static readonly PdfLetterRenderer Renderer = new();

    [Fact]
    public void Emphasis_PrintsInItalicAndBoldFaces_WithoutTheMarkup()
    {
        using var pdf = Open(Render("The meeting will be held on **Thursday, 10 December**, in *Conference Room 4*, ***without fail***."));

        var words = pdf.GetPage(1).GetWords().ToList();
        Assert.Contains("BoldItalic", Font(words.First(w => w.Text == "without")), StringComparison.Ordinal);
        Assert.Contains("Bold", Font(words.First(w => w.Text == "Thursday,")), StringComparison.Ordinal);
        Assert.Contains("Italic", Font(words.First(w => w.Text == "Conference")), StringComparison.Ordinal);
        Assert.EndsWith("+LiberationSerif", Font(words.First(w => w.Text == "meeting")), StringComparison.Ordinal);
        Assert.DoesNotContain("*", Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void EmphasisEndingInsideAWord_KeepsTheWordTogether()
    {
        using var pdf = Open(Render("It is **important**, as stated."));

        Assert.Contains("important, as stated.", Normalize(Text(pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void NumberedList_PrintsItsNumbersBeforeHangingText()
    {
        var body = "The key issues are:\n\n1. categories of membership, on which delegations have expressed a wide range of views over many sessions;\n2. the question of the veto.";
        using var pdf = Open(Render(body));

        var words = pdf.GetPage(1).GetWords().ToList();
        var one = words.First(w => w.Text == "1.");
        var two = words.First(w => w.Text == "2.");
        var categories = words.First(w => w.Text == "categories");
        Assert.Equal(one.BoundingBox.Left, two.BoundingBox.Left, 1);
        Assert.True(categories.BoundingBox.Left > one.BoundingBox.Right);

        // The item's second line hangs under its text, not under the number.
        var secondLine = words.Where(w => w.BoundingBox.Bottom < categories.BoundingBox.Bottom - 5 && w.BoundingBox.Bottom > two.BoundingBox.Top).OrderBy(w => w.BoundingBox.Left).First();
        Assert.Equal(categories.BoundingBox.Left, secondLine.BoundingBox.Left, 1);
    }

    [Fact]
    public void NestedList_IsIndentedFurther()
    {
        using var pdf = Open(Render("- outer item\n  - inner item"));

        var words = pdf.GetPage(1).GetWords().ToList();
        Assert.True(words.First(w => w.Text == "inner").BoundingBox.Left > words.First(w => w.Text == "outer").BoundingBox.Left + (5 * Mm));
        Assert.Contains(words, w => w.Text == "\u2013");
    }

    [Fact]
    public void SoftHyphen_IsNotPrinted()
    {
        using var pdf = Open(Render("The inter\u00ADgovernmental negotiations."));

        Assert.Contains("intergovernmental", Text(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void HardLineBreak_StartsANewLine()
    {
        using var pdf = Open(Render("Conference Room 4\\\nUnited Nations Headquarters"));

        var words = pdf.GetPage(1).GetWords().ToList();
        Assert.True(words.First(w => w.Text == "United").BoundingBox.Top < words.First(w => w.Text == "Conference").BoundingBox.Bottom);
    }

    [Fact]
    public void LongParagraph_NeverLeavesItsLastLineAloneAtTheTopOfAPage()
    {
        // Move a long paragraph across the page break one line at a time (a filler paragraph of one more
        // forced line each time): wherever the break falls, the page holding the paragraph's last line holds
        // at least one line before it, and the page holding its first line at least one line after it.
        const string Long = "STARTMARK " + "The Assembly recalls its resolutions on the revitalization of its work and the views of delegations. "
            + "The Assembly recalls its resolutions on the revitalization of its work and the views of delegations. "
            + "The Assembly recalls its resolutions on the revitalization of its work and the views of delegations. ENDMARK";
        var sawBreakInside = false;
        for (var fillers = 10; fillers <= 50; fillers++)
        {
            var body = string.Join("\\\n", Enumerable.Range(1, fillers).Select(i => $"Filler line {i}.")) + "\n\n" + Long;
            using var pdf = Open(Render(body));
            var startPage = PageOf(pdf, "STARTMARK");
            var endPage = PageOf(pdf, "ENDMARK");
            if (startPage == endPage)
            {
                continue;
            }

            sawBreakInside = true;
            var lines = Lines(pdf.GetPage(endPage));
            var endLine = lines.FindIndex(l => l.Contains("ENDMARK", StringComparison.Ordinal));
            Assert.True(endLine > 0, $"{fillers} fillers: the last line is alone at the top of page {endPage}");

            // Nor is the first line left alone at the foot of the previous page.
            var startLines = Lines(pdf.GetPage(startPage));
            var startLine = startLines.FindIndex(l => l.Contains("STARTMARK", StringComparison.Ordinal));
            Assert.True(startLine < startLines.Count - 1 && !startLines[startLine + 1].StartsWith("- ", StringComparison.Ordinal) && !startLines[startLine + 1].StartsWith("All Permanent", StringComparison.Ordinal), $"{fillers} fillers: the first line is alone at the foot of page {startPage}");
        }

        Assert.True(sawBreakInside, "no case broke the paragraph across pages: the test no longer crosses the break");
    }

    private static byte[] Render(string body) => Renderer.Render(new LetterDocument(
        "L1", 1, "Subject", new DateOnly(2026, 11, 25), body,
        [new SignatureBlock("Amina Rahman", "President of the General Assembly", null)],
        ["All Permanent Representatives to the United Nations", "New York"],
        Signed: false,
        MarkAsDraft: false));

    private static int PageOf(PdfDocument pdf, string word) =>
        pdf.GetPages().First(p => p.GetWords().Any(w => w.Text == word)).Number;

    /// <summary>The page's lines of text, top to bottom.</summary>
    private static List<string> Lines(Page page) =>
        [.. page.GetWords()
            .GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))];

    private static string Font(Word word) => (word.Letters[0].FontName ?? "").Replace(" ", "", StringComparison.Ordinal);

    private static PdfDocument Open(byte[] bytes) => PdfDocument.Open(bytes);

    private static string Text(PdfDocument pdf) => string.Join('\n', pdf.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
