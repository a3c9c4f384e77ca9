using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The approval page cannot disagree with the PDF: it frames the very PDF it serves (the version's archived rendition,
/// whose SHA-256 it shows), and its HTML convenience view reads, word for word and in order, as pdftotext reads that PDF.
/// </summary>
[Collection(Collections.Browser)]
public sealed partial class RenditionPageTests(BrowserHostFixture fixture)
{
    // Tricky but allowed: each line one kind of trouble. The body is sent with its accents decomposed (NFD); the
    // letter stores, shows and prints them composed (NFC).
    private static readonly string[] Catalogue =
    [
        "The Délégation of Côte d’Ivoire, São Tomé and Príncipe, Türkiye and Curaçao welcomed the naïve résumé.",
        "Ligatures stay letters: the office’s efficient staff filed the affluent, difficult, fjord-shuffling flow of waffles.",
        "Numbers beside words: resolution 78/1 of 12 March 2025, 1,234.56 dollars, 3–5 April, 50 % and item 7(b)(ii).",
        "Quotes and dashes: “double”, ‘single’, \"straight\", 'plain' — an em dash, an en dash – and an ellipsis…",
        "Soft hyphens never print: the inter\u00ADnational co\u00ADoperation of the Organi\u00ADzation.",
        "Other scripts that print: Российская Федерация, Ελληνική Δημοκρατία, and *italic* and **bold** words.",
        "A word longer than a line is cut between characters: " + string.Concat(Enumerable.Repeat("Supercalifragilisticexpialidocious", 5)) + " and then on.",
    ];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Fact]
    public async Task ApprovalPage_TrickyText_FramesThePdfItServesWithItsHash_AndTheConvenienceViewReadsAsPdftotextReadsIt()
    {
        // Right-to-left scripts never reach a PDF: PDFsharp has no bidi, so the letter is refused before it is stored.
        foreach (string rtl in new[] { "the word سلام in Arabic", "the word שלום in Hebrew" })
        {
            var letterWithRtl = TestLetters.Valid(TestLetters.NewTag("Rtl"));
            letterWithRtl["body"] = rtl;
            var refused = await fixture.Api.SendJsonAsync(HttpMethod.Post, "api/letters", JsonSerializer.Serialize(letterWithRtl));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Matches("Arabic|Hebrew", refused.Body);
        }

        string tag = TestLetters.NewTag("Rendition");
        string body = string.Join("\n\n", Catalogue).Normalize(System.Text.NormalizationForm.FormD);
        var tricky = TestLetters.Valid(tag);
        tricky["body"] = body;
        string id = await fixture.Api.CreateLetterAsync(tricky);
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
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
            await page.GotoAsync(link.ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Approve a letter");

            // The PDF first, then the convenience view, labelled as such; the hash shown is the archived PDF's.
            var frame = page.Locator("iframe.rendition-pdf");
            var view = page.Locator(".convenience article.letter");
            await Expect(frame).ToBeVisibleAsync();
            await Expect(page.Locator("#convenience-title")).ToHaveTextAsync("Convenience view; the PDF above is what you approve");
            await Expect(page.Locator(".rendition-sha")).ToHaveTextAsync(sha256);
            Assert.True((await frame.BoundingBoxAsync())!.Y < (await view.BoundingBoxAsync())!.Y, "The PDF is not above the convenience view.");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the PDF" })).ToHaveAttributeAsync("href", (await frame.GetAttributeAsync("src"))!);

            // What the frame loads is the rendition: same bytes as archived (and attached to the mail).
            var served = await page.Context.APIRequest.GetAsync(new Uri(fixture.Host.BaseUrl, (await frame.GetAttributeAsync("src"))!).ToString());
            Assert.Equal(200, served.Status);
            Assert.Equal("application/pdf", served.Headers["content-type"]);
            byte[] pdf = await served.BodyAsync();
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));

            // The view's text, as the approver reads it, is the PDF's, in the same order.
            string shown = await view.InnerTextAsync();
            Assert.DoesNotContain("\u0301", shown, StringComparison.Ordinal);
            Assert.Contains("Délégation of Côte d’Ivoire", shown, StringComparison.Ordinal);
            AssertReadsAs(PdfText.Of(pdf), shown);
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
    }

    /// <summary>
    /// Asserts that <paramref name="shown"/> appears in <paramref name="pdfText"/> character for character, in order.
    /// Whitespace (line breaks, no-break spaces, justification) compares as one space; soft hyphens, which the PDF
    /// never prints (lines are not hyphenated), are dropped from the page's text; the PDF's text may have a space where
    /// the page has none, where a word wider than a line is cut between characters. Nothing else may differ.
    /// </summary>
    private static void AssertReadsAs(string pdfText, string shown)
    {
        string pdf = Whitespace().Replace(pdfText, " ").Trim();
        string page = Whitespace().Replace(shown.Replace("\u00AD", "", StringComparison.Ordinal), " ").Trim();
        string opening = page[..Math.Min(24, page.Length)];
        int start = pdf.IndexOf(opening, StringComparison.Ordinal);
        Assert.True(start >= 0, $"The PDF's text has no \"{opening}\":\n{pdf}");
        int j = start;
        for (int i = 0; i < page.Length; i++, j++)
        {
            while (j < pdf.Length && pdf[j] == ' ' && page[i] != ' ' && i > 0 && page[i - 1] != ' ')
            {
                j++;
            }

            Assert.True(
                j < pdf.Length && pdf[j] == page[i],
                $"The page and the PDF part at the page's character {i} (\"{page[Math.Max(0, i - 30)..Math.Min(page.Length, i + 30)]}\"), "
                + $"the PDF reading \"{pdf[Math.Max(0, j - 30)..Math.Min(pdf.Length, j + 30)]}\"");
        }
    }
}
