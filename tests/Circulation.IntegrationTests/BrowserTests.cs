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
