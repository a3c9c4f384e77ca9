using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The approval and sign pages cannot disagree with the PDF: each frames the very PDF it serves (the version's archived
/// rendition, whose SHA-256 it shows), and every field the page shows (subject, date, salutation, each body paragraph,
/// signatory, enclosures) reads, field by field, as pdftotext reads that PDF; nothing is missing or extra on either side.
/// </summary>
[Collection(Collections.Browser)]
public sealed partial class RenditionPageTests(BrowserHostFixture fixture)
{
    // Tricky but allowed: each paragraph one kind of trouble. The letter is sent with its accents decomposed (NFD); it
    // stores, shows and prints them composed (NFC).
    private static readonly string[] Catalogue =
    [
        "The Délégation of Côte d’Ivoire, São Tomé and Príncipe, Türkiye and Curaçao welcomed the naïve résumé.",
        "Digits a bidi layout would reorder: Article 51 of the Charter, on 12 March, paragraphs 15 and 21, not 51 and 12.",
        "Numbers with separators: resolution 78/1, 1,234.56 dollars, 1\u00A0234,56 euros, 10’000 francs, 3–5 April, 50 %, 0.5‰ and item 7(b)(ii).",
        "Brackets and quotes bidi mirrors: (a), {b}, «guillemets», ‹chevrons›, “double”, ‘single’, \"straight\", 'plain' — em, en – and an ellipsis…",
        "A tab\tbetween words, and\ttwo\tmore, is a space on the page and in the PDF.",
        "Soft hyphens never print: the inter\u00ADnational co\u00ADoperation of the Organi\u00ADzation.",
        "Ligatures stay letters: the office’s efficient staff filed the affluent, difficult, fjord-shuffling flow of waffles.",
        "Other scripts that print: Российская Федерация, Ελληνική Δημοκρατία, and *italic* and **bold** words.",
        "A word longer than a line is cut between characters: " + string.Concat(Enumerable.Repeat("Supercalifragilisticexpialidocious", 5)) + " and then on.",
    ];

    // Lines the PDF prints on its pages that no field of the page shows: the draft mark at the top of every page, the page
    // number of a continuation page, and the addressee block of the Member States list at the foot of the first page.
    private static readonly string[] PageFurniture =
        ["DRAFT — version 1 — not for circulation", "All Permanent Representatives to the United Nations", "New York"];

    private const string Close = "Please accept, Excellency, the assurances of my highest consideration.";

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"^- \d+ -$")]
    private static partial Regex PageNumber();

    [GeneratedRegex(@"\S{60,}")]
    private static partial Regex WordLongerThanALine();

    [Fact]
    public async Task ApprovalAndSignPages_TrickyText_FrameThePdfTheyServe_AndEveryFieldShownReadsAsPdftotextReadsIt()
    {
        // Right-to-left and CJK scripts never reach a PDF: PDFsharp has no bidi and no shaping, and the letter font has no
        // CJK glyphs, so the letter is refused before it is stored (see docs/approval-evidence.md).
        foreach (var (text, script) in new[]
        {
            ("Article 51 of the Charter: المادة 51 من الميثاق", "Arabic"),
            ("on 12 March: ב-12 במרץ", "Hebrew"),
            ("the Secretary-General 秘书长", "Chinese"),
        })
        {
            var refusedLetter = TestLetters.Valid(TestLetters.NewTag("Script"));
            refusedLetter["body"] = text;
            var refused = await fixture.Api.SendJsonAsync(HttpMethod.Post, "api/letters", JsonSerializer.Serialize(refusedLetter));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains(script, refused.Body, StringComparison.Ordinal);
        }

        string tag = TestLetters.NewTag("Rendition");
        string subject = $"Délégations’ “views” on item 7(b) — 1,234.56 {tag}";
        string documentId = await fixture.Api.UploadPdfAsync(TestPdfs.Create(1, $"PROGRAMME-{tag}"), "programme.pdf");
        var tricky = TestLetters.Valid(tag);
        tricky["subject"] = subject.Normalize(NormalizationForm.FormD);
        tricky["body"] = string.Join("\n\n", Catalogue).Normalize(NormalizationForm.FormD);
        tricky["enclosures"] = new object[]
        {
            new
            {
                kind = "letter",
                date = "2026-11-20",
                body = "We have the honour to write to you as Co-Chairs.",
                signatories = new[]
                {
                    new { name = "José Ñúñez".Normalize(NormalizationForm.FormD), title = "Ambassador of the Plurinational State of Bolivia" },
                    new { name = "Zoë O’Brien-Łukasiewicz", title = "Ambassador and Permanent Representative of Ireland" },
                },
            },
            new { kind = "document", documentId, title = "Programme (revised) «draft 2» – 3\u00ADpage version" },
        };
        string id = await fixture.Api.CreateLetterAsync(tricky);
        var approvalLink = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));
        string sha256 = (await fixture.Api.ListVersionsAsync(id)).Single().PdfSha256!;

        var page = await fixture.NewPageAsync(person: TestLetters.Approver(tag, 1));
        var policyErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyErrors.Add(message.Text);
            }
        };
        try
        {
            await page.GotoAsync(approvalLink.ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Approve a letter");
            byte[] pdf = await FramedRenditionAsync(page, sha256, "approve");
            await AssertEveryFieldReadsAsThePdfAsync(page, pdf);
            Assert.Empty(policyErrors);

            string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", "approval-page-rendition.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });

            // The framed PDF viewer takes focus once it has loaded, which can scroll the page under a pointer click; the button's
            // own click event submits its form the same way, wherever the page has scrolled to.
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).DispatchEventAsync("click");
            await Expect(page.Locator(".notice-ok")).ToContainTextAsync("Your approval has been recorded", new() { Timeout = 60_000 });

            // The letter's page names the PDF the decision was made on.
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#timeline li", new() { HasText = "approved version 1" }).Locator(".event-rendition code"))
                .ToHaveTextAsync(sha256, new() { Timeout = 60_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var letter = await fixture.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        Assert.Equal(sha256, Assert.Single(letter.GetProperty("approvals").EnumerateArray()).GetProperty("renditionSha256").GetString());

        // The sign page, as the signatory opens it, frames the same rendition and reads as it too.
        var signLink = await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag));
        var signPage = await fixture.NewPageAsync(person: TestLetters.Signatory(tag));
        try
        {
            await signPage.GotoAsync(signLink.ToString());
            await Expect(signPage.GetByRole(AriaRole.Button, new() { Name = "Sign and circulate…" })).ToBeVisibleAsync();
            byte[] pdf = await FramedRenditionAsync(signPage, sha256, "sign");
            await AssertEveryFieldReadsAsThePdfAsync(signPage, pdf);
        }
        finally
        {
            await signPage.Context.CloseAsync();
        }
    }

    /// <summary>
    /// Asserts the page shows its PDF above the convenience view, labelled as such, with the archived rendition's hash, and
    /// that the frame loads those very bytes; returns them.
    /// </summary>
    private async Task<byte[]> FramedRenditionAsync(IPage page, string sha256, string verb)
    {
        var frame = page.Locator("iframe.rendition-pdf");
        var view = page.Locator(".convenience article.letter");
        await Expect(frame).ToBeVisibleAsync();
        await Expect(page.Locator("#convenience-title")).ToHaveTextAsync($"Convenience view; the PDF above is what you {verb}");
        await Expect(page.Locator(".rendition-sha")).ToHaveTextAsync(sha256);
        Assert.True((await frame.BoundingBoxAsync())!.Y < (await view.BoundingBoxAsync())!.Y, "The PDF is not above the convenience view.");
        string src = (await frame.GetAttributeAsync("src"))!;
        Assert.StartsWith($"/{verb}/pdf?", src, StringComparison.Ordinal);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the PDF" })).ToHaveAttributeAsync("href", src);

        var served = await page.Context.APIRequest.GetAsync(new Uri(fixture.Host.BaseUrl, src).ToString());
        Assert.Equal(200, served.Status);
        Assert.Equal("application/pdf", served.Headers["content-type"]);
        byte[] pdf = await served.BodyAsync();
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        return pdf;
    }

    /// <summary>
    /// Compares, field by field and in both directions, what the page shows as the approver or signatory reads it
    /// (innerText) with the PDF: the subject with the PDF's title; the date, the salutation and each body paragraph with
    /// the cover letter's text between the letterhead and the close, in order, each starting on a new line of the PDF
    /// and nothing left over; the signatory with the signature block under the close; the enclosures with the note under it.
    /// </summary>
    private static async Task AssertEveryFieldReadsAsThePdfAsync(IPage page, byte[] pdf)
    {
        string shownSubject = await Fact(page, "Subject").InnerTextAsync();
        Assert.DoesNotContain("\u0301", shownSubject, StringComparison.Ordinal);
        Assert.Equal(Normalize(PdfTitle(pdf)), Normalize(shownSubject));

        var shown = await page.Locator(".convenience article.letter > p, .convenience article.letter li").AllInnerTextsAsync();
        Assert.Contains(shown, p => p.Contains("Délégation of Côte d’Ivoire", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, p => p.Contains('\u0301', StringComparison.Ordinal));

        // Each page break of the PDF stays as a line "\f", so the cover letter's last page can be told from the enclosures'.
        string text = Normalize(PdfText.Of(pdf));
        int letterhead = text.IndexOf("GENERAL ASSEMBLY\n", StringComparison.Ordinal);
        int close = text.Replace('\n', ' ').IndexOf(Close, StringComparison.Ordinal);
        Assert.True(letterhead >= 0 && close > letterhead, $"The PDF has no letterhead or no close:\n{text}");
        string letterText = text[(letterhead + "GENERAL ASSEMBLY\n".Length)..close].Replace("\f\n", "", StringComparison.Ordinal);
        int at = 0;
        for (int n = 0; n < shown.Count; n++)
        {
            at = ConsumeParagraph(letterText, at, Normalize(shown[n]), n);
        }

        Assert.True(
            letterText[at..].Trim().Length == 0,
            $"The PDF prints a paragraph the page does not show, after the page's last:\n{letterText[at..]}");

        // Under the close: the signatory's name, then title, then the enclosure note; nothing else on the cover letter.
        string[] signatory = Normalize(await Fact(page, "Signatory").InnerTextAsync()).Split(", ", 2);
        string shownEnclosures = Normalize(await Fact(page, "Enclosures").InnerTextAsync());
        const string PageOnly = " (in the PDF, after the letter)"; // the page's own pointer to the enclosures, not a field
        Assert.EndsWith(PageOnly, shownEnclosures, StringComparison.Ordinal);
        string afterClose = text[(close + Close.Length)..];
        int enclosed = afterClose.IndexOf("Enclosures:", StringComparison.Ordinal);
        Assert.True(enclosed >= 0, $"The PDF has no enclosure note under the close:\n{afterClose}");
        Assert.Equal(string.Join(' ', signatory), OneLine(afterClose[..enclosed]));
        int noteEnd = afterClose.IndexOf('\f', enclosed); // the enclosures start on a new page
        string note = OneLine(afterClose[(enclosed + "Enclosures:".Length)..(noteEnd < 0 ? afterClose.Length : noteEnd)]);
        Assert.Equal(OneLine(shownEnclosures[..^PageOnly.Length]), note);
    }

    /// <summary>
    /// Reads the page's paragraph <paramref name="shown"/> at <paramref name="at"/> in the PDF's <paramref name="text"/>:
    /// it must start on a new line there and end at a line's end, character for character, a line break of the PDF reading
    /// as a space; the PDF may have one more space than the page only inside a word too long for a line, which the PDF cuts
    /// between characters without a hyphen. Returns where the PDF's text goes on.
    /// </summary>
    private static int ConsumeParagraph(string text, int at, string shown, int n)
    {
        static string Around(string s, int i) => s[Math.Max(0, i - 40)..Math.Min(s.Length, i + 40)];
        Assert.True(at == 0 || text[at - 1] == '\n', $"Paragraph {n} of the page does not start a line of the PDF: \"{Around(text, at)}\"");
        var longWords = new bool[shown.Length];
        foreach (Match word in WordLongerThanALine().Matches(shown))
        {
            Array.Fill(longWords, true, word.Index, word.Length);
        }

        int j = at;
        for (int i = 0; i < shown.Length; i++, j++)
        {
            if (j < text.Length && text[j] == '\n' && shown[i] != ' ' && i > 0 && longWords[i] && longWords[i - 1])
            {
                j++;
            }

            bool same = j < text.Length && (text[j] == shown[i] || (shown[i] == ' ' && text[j] == '\n'));
            Assert.True(
                same,
                $"Paragraph {n} of the page reads differently in the PDF at the page's character {i}:\npage: \"{Around(shown, i)}\"\nPDF:  \"{Around(text, j)}\"");
        }

        Assert.True(j == text.Length || text[j] == '\n', $"Paragraph {n} of the page ends inside a line of the PDF: \"{Around(text, j)}\"");
        return j == text.Length ? j : j + 1;
    }

    /// <summary>
    /// The only normalizations the comparison allows. Soft hyphens are dropped: the PDF never prints U+00AD (its lines are
    /// not hyphenated) while the page keeps it in its text, invisible. Whitespace other than line breaks (spaces, tabs,
    /// no-break spaces, the PDF's justification, the form feed between pages) reads as one space: HTML collapses a tab to a
    /// space and the PDF draws it as one, and pdftotext writes the gaps of justified lines as spaces. Line breaks are kept
    /// (one per run, blank lines included) so paragraphs can be told apart, and the PDF's page furniture lines are dropped.
    /// </summary>
    private static string Normalize(string text)
    {
        return string.Join('\n', text.Replace("\u00AD", "", StringComparison.Ordinal).Replace("\f", "\n\f\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l == "\f" ? l : Spaces().Replace(l, " ").Trim())
            .Where(l => l.Length > 0 && !PageFurniture.Contains(l, StringComparer.Ordinal) && !PageNumber().IsMatch(l)));
    }

    /// <summary>The value of the fact <paramref name="name"/> in the page's list of facts (Subject, Signatory, Enclosures...).</summary>
    private static ILocator Fact(IPage page, string name) =>
        page.Locator($"xpath=//dl[contains(@class,'facts')]/dt[normalize-space()='{name}']/following-sibling::dd[1]");

    /// <summary>Text whose line breaks are layout only (a signature block, the enclosure note), as one line.</summary>
    private static string OneLine(string text) => LineBreaks().Replace(text, " ").Trim();

    /// <summary>The PDF's document title, as pdfinfo reads it (the subject; viewers show it as the window's title).</summary>
    private static string PdfTitle(byte[] pdf)
    {
        string file = Path.Combine(Path.GetTempPath(), $"pdfinfo-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdfinfo") { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (string argument in new[] { "-enc", "UTF-8", file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            string info = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            string title = info.Split('\n').Single(l => l.StartsWith("Title:", StringComparison.Ordinal));
            return title["Title:".Length..].Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
