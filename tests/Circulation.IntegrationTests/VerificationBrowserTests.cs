using System.Security.Cryptography;
using Circulation.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Circulation.IntegrationTests;

/// <summary>/verify in a real browser, nobody signed in: a PDF dropped on the page is hashed there and checked.</summary>
[Collection(Collections.Browser)]
public sealed class VerificationBrowserTests(BrowserHostFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task DroppingTheSignedPdfAMissionReceived_ReadsAuthentic_OneByteChangedOrTheDraftReadsNotACirculatedLetter()
    {
        var (draft, received) = await this.CirculateAsync("VerifyWeb");
        var page = await fixture.NewPageAsync(person: null);
        try
        {
            foreach (int width in new[] { 1280, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                await page.GotoAsync(new Uri(fixture.Host.BaseUrl, "verify").ToString());
                Assert.Equal(new Uri(fixture.Host.BaseUrl, "verify").ToString(), page.Url);
                await Expect(page.Locator("#verify-drop")).ToBeVisibleAsync();
                await DropAsync(page, received);
                await Expect(page.Locator(".verify-authentic")).ToContainTextAsync("Authentic. This is the letter of ", Slow);
                await Expect(page.Locator(".verify-authentic")).ToContainTextAsync("signed by Amina Rahman, President of the General Assembly, and circulated on ", Slow);
                await Screenshots.SaveAsync(page, $"verify-authentic-{width}.png");

                byte[] altered = (byte[])received.Clone();
                altered[10] ^= 0x01;
                await DropAsync(page, altered);
                await Expect(page.Locator(".verify-not-circulated")).ToContainTextAsync("This file is not a letter circulated by the Office of the President of the General Assembly.", Slow);
                await Screenshots.SaveAsync(page, $"verify-not-circulated-{width}.png");
            }

            await DropAsync(page, draft);
            await Expect(page.Locator(".verify-not-circulated")).ToContainTextAsync("This file is not a letter circulated", Slow);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task WithoutScript_PastingTheSha256InTheForm_ReadsTheAnswer_AndNoDropZoneIsShown()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(fixture.Host.BaseUrl, "verify").ToString());
            await Expect(page.Locator("#verify-drop")).ToBeHiddenAsync();

            await page.GetByLabel("Or paste the file's SHA-256").FillAsync(new string('A', 64));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

            await Expect(page.Locator(".verify-not-circulated")).ToContainTextAsync("It may have been altered; ask the Office for a copy.", Slow);
            Assert.EndsWith($"/verify?sha256={new string('A', 64)}", page.Url, StringComparison.Ordinal);

            await page.GetByLabel("Or paste the file's SHA-256").FillAsync("not a hash");
            await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
            await Expect(page.Locator("#verify-answer")).ToContainTextAsync("That is not a SHA-256", Slow);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>
    /// Drops <paramref name="pdf"/> on the page's drop zone as a file dragged from the desktop arrives (a drop event whose
    /// DataTransfer holds the file), and waits for the answer's page; a script error on the page fails the test, naming it.
    /// </summary>
    private static async Task DropAsync(IPage page, byte[] pdf)
    {
        var errors = new List<string>();
        void OnError(object? sender, string error) => errors.Add(error);
        page.PageError += OnError;
        try
        {
            var dataTransfer = await page.EvaluateHandleAsync(
                """
                (base64) => {
                  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
                  const transfer = new DataTransfer();
                  transfer.items.add(new File([bytes], 'letter.pdf', { type: 'application/pdf' }));
                  return transfer;
                }
                """,
                Convert.ToBase64String(pdf));
            await page.Locator("#verify-drop").DispatchEventAsync("drop", new { dataTransfer });
            string sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
            // The answer's page is awaited by its content (its answer for this very hash), not by its load event: a late
            // subresource on a loaded machine must not count as the page not answering.
            await Expect(page.Locator(".verify-hash code")).ToHaveTextAsync(sha256, new() { Timeout = 60_000 });
            Assert.EndsWith($"/verify?sha256={sha256}", page.Url, StringComparison.Ordinal);
        }
        catch (Exception) when (errors.Count > 0)
        {
            Assert.Fail($"The page's script failed: {string.Join(" | ", errors)}");
        }
        finally
        {
            page.PageError -= OnError;
        }
    }

    /// <summary>Circulates a letter to the member states; returns its draft's PDF and the signed PDF one mission received.</summary>
    private async Task<(byte[] Draft, byte[] Received)> CirculateAsync(string kind)
    {
        var api = fixture.Api;
        string tag = TestLetters.NewTag(kind);
        string subject = TestLetters.Subject(tag);
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
        await api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        var (status, _, draft) = await api.GetBytesAsync($"api/letters/{id}/versions/1/pdf");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        await api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
        await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

        var mission = MailAssertions.MissionsOn(TestLetters.MemberStates)[0];
        using var message = await fixture.Mail.RawAsync((await fixture.Mail.WaitForAsync(subject, mission.Email)).Id);
        return (draft, await VerificationTests.AttachmentAsync(message));
    }
}
