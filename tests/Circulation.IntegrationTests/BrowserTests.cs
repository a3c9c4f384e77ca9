using System.Text.RegularExpressions;
using Circulation.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Circulation.IntegrationTests;

/// <summary>A host plus one headless Debian Chromium driven by Playwright (never a downloaded browser).</summary>
public sealed class BrowserHostFixture : HostFixture
{
    private IPlaywright? playwright;

    /// <summary>Prepares the host.</summary>
    public BrowserHostFixture()
        : base("browser")
    {
    }

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <inheritdoc/>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        this.playwright = await Playwright.CreateAsync();
        this.Browser = await this.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        if (this.Browser is not null)
        {
            await this.Browser.DisposeAsync();
        }

        this.playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A fresh page in its own context, with generous timeouts for a loaded 2-core machine.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await this.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }
}

/// <summary>The staff form and the approval page in a real browser.</summary>
[Collection(Collections.Browser)]
public sealed class BrowserTests(BrowserHostFixture fixture)
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions SlowContains = new() { Timeout = 30_000 };

    [Fact]
    public async Task StaffForm_SubmittedLetter_ShowsLiveStatusAwaitingApproval()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(fixture.Host.BaseUrl.ToString());
            await FillFormAsync(page, tag, approvers: $"{TestLetters.Approver(tag, 1)}\n{TestLetters.Approver(tag, 2)}");
            await page.ClickAsync("#submit");

            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await Expect(page.Locator("#status")).ToContainTextAsync(subject, new() { Timeout = 30_000 });
            await Expect(page.Locator("#status .steps li.current")).ToContainTextAsync(TestLetters.Approver(tag, 1));
            string id = (await page.Locator("#status-id").TextContentAsync())!.Trim();
            Assert.Matches("^L[0-9]{8}-[0-9]{6}-[2-9A-Z]{6}$", id);
            await Expect(page.Locator($"#letters tr[data-id='{id}']")).ToContainTextAsync(subject, new() { Timeout = 30_000 });
            await Expect(page.Locator("#form-error")).ToBeHiddenAsync();

            string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", "staff-form-status.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });

            // The letter the form created is the one the API knows, with what was typed.
            var letter = await fixture.Api.GetLetterAsync(id);
            Assert.Equal(subject, letter.GetProperty("subject").GetString());
            Assert.Equal(TestLetters.AllMissions, letter.GetProperty("distributionList").GetString());
            Assert.Equal([TestLetters.Approver(tag, 1), TestLetters.Approver(tag, 2)], letter.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
            await fixture.Mail.WaitForAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task StaffForm_InvalidApproverAddress_ShowsTheErrorNextToTheApproversBox_AndCreatesNoLetter()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.Api.ListLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(fixture.Host.BaseUrl.ToString());
            await FillFormAsync(page, tag, approvers: "not-an-address");
            await page.ClickAsync("#submit");

            var fieldError = page.Locator("#approvers + .field-error");
            await Expect(fieldError).ToBeVisibleAsync();
            await Expect(fieldError).ToContainTextAsync("'approvers[0]' must be an e-mail address");
            await Expect(page.Locator("#approvers")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#form-error")).ToBeVisibleAsync();
            await Expect(page.Locator(".field-error")).ToHaveCountAsync(1);
            await Expect(page.Locator("#status-card")).ToBeHiddenAsync();
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(before, await fixture.Api.ListLetterIdsAsync());
    }

    [Fact]
    public async Task ApproversLinkOpenedInBrowser_ClickingApprove_RecordsTheApproval()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(link.ToString());
            await Expect(page.Locator("h1")).ToHaveTextAsync("Approve a letter");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync(subject);
            await Expect(page.Locator("article.letter")).ToContainTextAsync(TestLetters.BodySentences[1]);

            await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

            await Expect(page.Locator(".notice-ok")).ToContainTextAsync("Your approval has been recorded");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Thank you");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var letter = await fixture.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        var approval = Assert.Single(letter.GetProperty("approvals").EnumerateArray());
        Assert.Equal("Approve", approval.GetProperty("decision").GetString());
        Assert.Equal(TestLetters.Approver(tag, 1), approval.GetProperty("approver").GetString());
    }

    [Fact]
    public async Task StaffForm_PreviewWhileTyping_ShowsThePdfAndStoresNothing()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.Api.ListLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(fixture.Host.BaseUrl.ToString());
            await FillFormAsync(page, tag, approvers: TestLetters.Approver(tag, 1));

            await Expect(page.Locator("#preview")).ToHaveAttributeAsync("src", new Regex("^blob:"), new() { Timeout = 30_000 });
            await Expect(page.Locator("#preview-note")).ToHaveTextAsync("Preview of version 1, not stored.");
            // The iframe shows exactly what the server rendered: read its blob back in the page.
            string base64 = await page.EvaluateAsync<string>("""
                async () => {
                  const bytes = new Uint8Array(await (await fetch(document.querySelector('#preview').src)).arrayBuffer());
                  let binary = '';
                  bytes.forEach(b => binary += String.fromCharCode(b));
                  return btoa(binary);
                }
                """);
            byte[] pdf = Convert.FromBase64String(base64);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
            Assert.Contains(TestLetters.BodySentences[2], MailAssertions.PdfText(pdf), StringComparison.Ordinal);

            // Clearing the body makes the letter incomplete: the note says why and the last good preview stays.
            await page.FillAsync("#body", "");
            await Expect(page.Locator("#preview-note")).ToContainTextAsync("The preview appears once the letter is complete", SlowContains);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(before, await fixture.Api.ListLetterIdsAsync());
    }

    [Fact]
    public async Task StaffForm_SaveDraftEditReopenAndSubmit_SubmitsTheLastVersionForApproval()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        const string Revised = "I have the honour to inform you that the consultations will resume on 12 March.";
        var page = await fixture.NewPageAsync();
        string id;
        try
        {
            await page.GotoAsync(fixture.Host.BaseUrl.ToString());
            await FillFormAsync(page, tag, approvers: TestLetters.Approver(tag, 1));

            // Save as a draft: nothing goes to approval.
            await page.ClickAsync("#save-draft");
            await Expect(page.Locator("#form-ok")).ToContainTextAsync("Saved as version 1 of letter", SlowContains);
            await Expect(page.Locator("#editing")).ToBeVisibleAsync();
            await Expect(page.Locator("#submit")).ToHaveTextAsync("Submit for approval");
            id = (await page.Locator("#editing-id").TextContentAsync())!.Trim();
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Drafting", Slow);

            // Edit and save again: version 2.
            await page.FillAsync("#body", Revised);
            await page.ClickAsync("#save-draft");
            await Expect(page.Locator("#form-ok")).ToContainTextAsync($"Saved as version 2 of letter {id}", SlowContains);
            await Expect(page.Locator("#editing-version")).ToHaveTextAsync("2");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // Later, in a fresh page: open the draft from Recent letters, change the subject and submit.
        page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync(fixture.Host.BaseUrl.ToString());
            await page.ClickAsync($"#letters button[data-edit='{id}']");
            await Expect(page.Locator("#editing-version")).ToHaveTextAsync("2", Slow);
            await Expect(page.Locator("#body")).ToHaveValueAsync(Revised);
            await Expect(page.Locator("#approvers")).ToHaveValueAsync(TestLetters.Approver(tag, 1));
            await page.FillAsync("#subject", subject + " (final)");
            await Expect(page.Locator("#preview-note")).ToHaveTextAsync("Preview of version 3, not stored.", Slow);
            string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", "staff-form-editing.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });

            await page.ClickAsync("#submit");

            await Expect(page.Locator("#form-ok")).ToContainTextAsync($"Version 3 of letter {id} was submitted for approval.", SlowContains);
            await Expect(page.Locator("#editing")).ToBeHiddenAsync();
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await Expect(page.Locator("#subject")).ToHaveValueAsync("");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var versions = await fixture.Api.ListVersionsAsync(id);
        Assert.Equal([(1, false), (2, false), (3, true)], versions.Select(v => (v.Version, v.Submitted)));
        Assert.Equal(subject + " (final)", versions[2].Subject);
        var (text, _) = await fixture.Mail.WaitForNthLinkAsync($"For approval: {subject} (final)", TestLetters.Approver(tag, 1), 1);
        Assert.Contains($"{id}, version 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain(await fixture.Mail.ListAsync(tag), m => m.Subject == $"For approval: {subject}");
    }

    private static async Task FillFormAsync(IPage page, string tag, string approvers)
    {
        await page.FillAsync("#subject", TestLetters.Subject(tag));
        await page.FillAsync("#body", string.Join("\n\n", TestLetters.BodySentences));
        await page.FillAsync("#signatoryName", "Amina Rahman");
        await page.FillAsync("#signatoryEmail", TestLetters.Signatory(tag));
        await page.FillAsync("#approvers", approvers);
        await page.FillAsync("#drafter", TestLetters.Drafter(tag));
        await page.SelectOptionAsync("#distributionList", TestLetters.AllMissions);
    }
}
