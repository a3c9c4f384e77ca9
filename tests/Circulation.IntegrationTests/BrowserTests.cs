using System.Text.RegularExpressions;
using Circulation.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;
using Circulation.Tests.TestSupport;
using Circulation.Tests.TestSupport.Smtp;

namespace Circulation.IntegrationTests;

/// <summary>
/// A host plus one headless Debian Chromium driven by Playwright (never a downloaded browser). The host sends mail
/// through a <see cref="ScriptedSmtpServer"/> that relays every message on to smtp4dev, so that a test can make one
/// mission's mail server refuse the letter (<see cref="Smtp"/>) and see the failure on the letter's page.
/// </summary>
public sealed class BrowserHostFixture : HostFixture
{
    private readonly Smtp4devRelay relay;
    private IPlaywright? playwright;

    /// <summary>Prepares the host.</summary>
    public BrowserHostFixture()
        : this(ScriptedSmtpServer.Start(), new Smtp4devRelay(TestEnvironment.SmtpPort))
    {
    }

    private BrowserHostFixture(ScriptedSmtpServer smtp, Smtp4devRelay relay)
        : base("browser", new Dictionary<string, string> { ["Mail__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
    {
        this.Smtp = smtp;
        this.relay = relay;
        smtp.Relay = relay.SendAsync;
    }

    /// <summary>The mail server the host sends through: script a recipient to refuse it; everything else reaches smtp4dev.</summary>
    public ScriptedSmtpServer Smtp { get; }

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
        await this.Smtp.DisposeAsync();
        this.relay.Dispose();
    }

    /// <summary>
    /// A fresh page in its own context (its own cookies), with generous timeouts for a loaded 2-core machine, signed in
    /// as <paramref name="person"/> through the real sign-in page of the local provider (null: nobody signed in).
    /// </summary>
    public async Task<IPage> NewPageAsync(string? person = TestPeople.Drafter)
    {
        var context = await this.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 1000 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        if (person is not null)
        {
            await page.GotoAsync(new Uri(this.Host.BaseUrl, "signin?returnUrl=%2F").ToString());
            await SignInOnProviderPageAsync(page, person);

            // Leave the staff form, so that a test's first GotoAsync("/#id") loads the page rather than only moving to a fragment.
            await page.GotoAsync("about:blank");
        }

        return page;
    }

    /// <summary>Fills in the provider's sign-in page as a person would and waits to be back on Circulation.</summary>
    public async Task SignInOnProviderPageAsync(IPage page, string person)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByLabel("E-mail address").FillAsync(person);
        await page.GetByLabel("Password").FillAsync(TestEnvironment.IdentityProviderPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(this.Host.BaseUrl.ToString(), StringComparison.Ordinal), new() { Timeout = 60_000 });
    }
}

/// <summary>The staff form and the approval page in a real browser.</summary>
[Collection(Collections.Browser)]
public sealed class BrowserTests(BrowserHostFixture fixture)
{
    /// <summary>
    /// A navigation to the letter page counts once committed: the assertions after it wait for the page's content, while its
    /// load event also waits for the framed PDF viewer, which on a loaded machine can take longer than any content.
    /// </summary>
    private static readonly PageWaitForURLOptions LetterPageCommitted = new() { Timeout = 30_000, WaitUntil = WaitUntilState.Commit };

    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions SlowContains = new() { Timeout = 60_000 };

    [Fact]
    public async Task ComposePage_StartCirculationConfirmed_OpensTheLetterPage_WhichShowsWhoApprovedWhen_AndFollowsTheDistributionToItsEnd()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1), TestLetters.Approver(tag, 2));
            await page.ClickAsync("#submit");

            // The confirmation names the audience: the list's name and its number of missions.
            int missions = MailAssertions.MissionsOn(TestLetters.AllMissions).Count;
            var dialog = page.Locator("dialog.confirm");
            await Expect(dialog).ToContainTextAsync($"{missions} missions");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Start circulation" }).ClickAsync();

            await page.WaitForURLAsync(new Regex("/letters/L[0-9]{8}-[0-9]{6}-[2-9A-Z]{6}$"), LetterPageCommitted);
            string id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await Expect(page.Locator("h1#subject")).ToHaveTextAsync(subject);
            await Expect(page.Locator("#facts")).ToContainTextAsync(new Regex($"Approval 1 by .*{Regex.Escape(TestLetters.Approver(tag, 1))}"), SlowContains);

            // The letter the form created is the one the API knows, with what was typed.
            var letter = await fixture.Api.GetLetterAsync(id);
            Assert.Equal(subject, letter.GetProperty("subject").GetString());
            Assert.Equal(TestLetters.AllMissions, letter.GetProperty("distributionList").GetString());
            Assert.Equal([TestLetters.Approver(tag, 1), TestLetters.Approver(tag, 2)], letter.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));

            // Who approved when: each decision is in the timeline with its time, as it happens, without reloading.
            await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
            var approved = page.Locator("#timeline li", new() { HasText = $"{TestLetters.Approver(tag, 1)} approved version 1" });
            await Expect(approved).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            string? at = await approved.Locator("time").GetAttributeAsync("datetime");
            var decided = (await fixture.Api.GetLetterAsync(id)).GetProperty("approvals")[0];
            var decidedAt = (decided.TryGetProperty("at", out var a) ? a : decided.GetProperty("decidedAt")).GetDateTimeOffset();
            Assert.Equal(decidedAt, DateTimeOffset.Parse(at!, System.Globalization.CultureInfo.InvariantCulture));
            await Expect(page.Locator("#announcer")).ToContainTextAsync("approved", SlowContains);

            await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 2)));
            await fixture.Api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Distributed", new() { Timeout = 240_000 });
            await Expect(page.Locator("#distribution-progress")).ToHaveTextAsync($"{missions} of {missions} sent", Slow);
            await Expect(page.Locator("#deliveries tbody tr")).ToHaveCountAsync(missions, new() { Timeout = 30_000 });
            await Expect(page.Locator("#pdfs li.signed-pdf a")).ToHaveTextAsync("Signed letter (PDF)");
            await Expect(page.Locator("#pdfs li.signed-pdf a")).ToHaveAttributeAsync("href", $"/api/letters/{id}/pdf");
            string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", "letter-page-distributed.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });

            // The letters page lists it, linked to its page.
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters");
            await Expect(page.Locator($"#letters tr[data-id='{id}'] a")).ToHaveAttributeAsync("href", $"/letters/{id}", new() { Timeout = 30_000 });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task ComposePage_EnterInSubjectSubmitsNothing_AndWithNoApproverTheErrorInPlainWordsIsTiedToTheApprovers_AndNoLetterIsCreated()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.SettledLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag);

            // Enter in a field: no confirmation, no request, no error, still on the form.
            await page.PressAsync("#subject", "Enter");
            await page.PressAsync("#date", "Enter");
            await Expect(page.Locator("dialog.confirm")).ToHaveCountAsync(0);
            await Expect(page.Locator("#form-error")).ToBeHiddenAsync();
            Assert.EndsWith("/letters/new", page.Url, StringComparison.Ordinal);

            await page.ClickAsync("#submit");
            await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Start circulation" }).ClickAsync();

            var fieldError = page.Locator("#approvers + .field-error");
            await Expect(fieldError).ToHaveTextAsync("Choose at least one approver.", Slow);
            await Expect(page.Locator("#approvers")).ToHaveAttributeAsync("aria-invalid", "true");
            string errorId = (await fieldError.GetAttributeAsync("id"))!;
            await Expect(page.Locator("#approvers")).ToHaveAttributeAsync("aria-describedby", new Regex($"\\b{errorId}\\b"));
            await Expect(page.Locator("#approvers select").First).ToBeFocusedAsync();
            await Expect(page.Locator("#form-error")).ToBeVisibleAsync();
            await Expect(page.Locator(".field-error[data-for]")).ToHaveCountAsync(1);
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
            Assert.EndsWith("/letters/new", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(before, await fixture.Api.ListLetterIdsAsync());
    }

    [Fact]
    public async Task ComposePage_BodyWithAnInvisibleOverride_IsNamedByThePreviewWhileTyping_AndRefusedNextToTheBody_AndNoLetterIsCreated()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.SettledLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));
            await page.FillAsync("#body", "Excellency,\n\nUnder Article \u202E51\u202C of the Charter.");

            // While typing, the live preview already says why it cannot be made.
            await Expect(page.Locator("#preview-note")).ToContainTextAsync("an invisible right-to-left override (U+202E) after 'Under Article '", SlowContains);
            await page.ClickAsync("#submit");
            await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Start circulation" }).ClickAsync();

            await Expect(page.Locator("#body + .field-error")).ToContainTextAsync(
                "paragraph 2: an invisible right-to-left override (U+202E) after 'Under Article '. Delete it and type the text again.", SlowContains);
            await Expect(page.Locator("#body")).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.EndsWith("/letters/new", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(before, await fixture.Api.ListLetterIdsAsync());
    }

    [Fact]
    public async Task ComposePage_PartialDateIsRefusedNextToTheField_AndAWholeDateIsShownInWords()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.Api.ListLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));
            await Expect(page.Locator("#date-words")).ToHaveTextAsync("No date: the letter is dated on the day it is signed.");
            await page.FillAsync("#date", "2026-12-03");
            await Expect(page.Locator("#date-words")).ToHaveTextAsync("Thursday 3 December 2026");

            // Only the day and the month typed: the browser has no value, which must not pass for "no date".
            await page.FillAsync("#date", "");
            await page.ClickAsync("#date");
            await page.Keyboard.PressAsync("Home");
            await page.Keyboard.TypeAsync("0312");
            Assert.True(await page.EvalOnSelectorAsync<bool>("#date", "d => d.validity.badInput"));
            await page.ClickAsync("#submit");
            await Expect(page.Locator("#date + .field-error")).ToContainTextAsync("Enter a full date", SlowContains);
            await Expect(page.Locator("#date")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#date")).ToBeFocusedAsync();
            await Expect(page.Locator("dialog.confirm")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(before, await fixture.SettledLetterIdsAsync());
    }

    [Fact]
    public async Task ApproversLinkOpenedInBrowser_ClickingApprove_RecordsTheApproval()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));

        var page = await fixture.NewPageAsync(person: null);
        try
        {
            // As the approver would: the link asks them to sign in first, then shows the letter.
            await page.GotoAsync(link.ToString());
            await fixture.SignInOnProviderPageAsync(page, TestLetters.Approver(tag, 1));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Approve a letter");
            await Expect(page.Locator("dl.facts")).ToContainTextAsync(subject);
            await Expect(page.Locator("article.letter")).ToContainTextAsync(TestLetters.BodySentences[1]);

            // The framed PDF viewer takes focus once it has loaded, which can scroll the page under a pointer click; the button's
            // own click event submits its form the same way, wherever the page has scrolled to.
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).DispatchEventAsync("click");

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
    public async Task ComposePage_PreviewWhileTyping_ShowsThePdfAndStoresNothing()
    {
        string tag = TestLetters.NewTag("Web");
        var before = await fixture.SettledLetterIdsAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));

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

        Assert.Equal(before, await fixture.SettledLetterIdsAsync());
    }

    [Fact]
    public async Task ComposePage_SaveDraftLeaveWithUnsavedChangesEditReopenAndSubmit_WarnsBeforeLeaving_AndSubmitsTheLastVersionForApproval()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        const string Revised = "I have the honour to inform you that the consultations will resume on 12 March.";
        var page = await fixture.NewPageAsync();
        string id;
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));

            // Save as a draft: nothing goes to approval; the page becomes the draft's edit view.
            await page.ClickAsync("#save-draft");
            await Expect(page.Locator("#form-ok")).ToContainTextAsync("Saved as version 1 of letter", SlowContains);
            await Expect(page.Locator("#editing")).ToBeVisibleAsync();
            await Expect(page.Locator("#submit")).ToHaveTextAsync("Submit for approval");
            id = (await page.Locator("#editing-id").TextContentAsync())!.Trim();
            Assert.EndsWith($"/letters/{id}/edit", page.Url, StringComparison.Ordinal);

            // A change not saved yet: leaving the page asks first, and staying keeps the change.
            await page.FillAsync("#body", Revised);
            var asked = new List<string>();
            page.Dialog += async (_, dialog) =>
            {
                asked.Add(dialog.Type);
                try
                {
                    await dialog.DismissAsync();
                }
                catch (PlaywrightException)
                {
                    // The dialog went before it could be dismissed ("No dialog is showing"); this handler is async void, so
                    // letting that escape would crash the whole test run. Where the page is after it is asserted below.
                }
            };
            await page.ClickAsync(".site-nav a[href='/letters']");
            await Poll.UntilAsync("the beforeunload dialog", TimeSpan.FromSeconds(30), () => Task.FromResult(asked.Count > 0));
            Assert.Equal(["beforeunload"], asked);
            Assert.EndsWith($"/letters/{id}/edit", page.Url, StringComparison.Ordinal);
            await Expect(page.Locator("#body")).ToHaveValueAsync(Revised);

            // Saved, version 2; then leaving asks nothing.
            await page.ClickAsync("#save-draft");
            await Expect(page.Locator("#form-ok")).ToContainTextAsync($"Saved as version 2 of letter {id}", SlowContains);
            await Expect(page.Locator("#editing-version")).ToHaveTextAsync("2");
            await page.ClickAsync(".site-nav a[href='/letters']");
            await page.WaitForURLAsync(new Regex("/letters$"));
            Assert.Equal(["beforeunload"], asked);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        // Later, in a fresh page: open the draft's page, follow its Edit link, change the subject and submit.
        page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Drafting", Slow);
            await page.ClickAsync("#edit-letter");
            await page.WaitForURLAsync(new Regex($"/letters/{id}/edit$"));
            await Expect(page.Locator("#editing-version")).ToHaveTextAsync("2", Slow);
            await Expect(page.Locator("#body")).ToHaveValueAsync(Revised);
            await Expect(page.Locator("#approvers select")).ToHaveValueAsync(TestLetters.Approver(tag, 1));
            await page.FillAsync("#subject", subject + " (final)");
            await Expect(page.Locator("#preview-note")).ToHaveTextAsync("Preview of version 3, not stored.", Slow);
            string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", "compose-editing.png");
            Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });

            await page.ClickAsync("#submit");
            await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();

            await page.WaitForURLAsync(new Regex($"/letters/{id}$"), LetterPageCommitted);
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await Expect(page.Locator("#edit-letter")).ToHaveCountAsync(0);
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

    [Fact]
    public async Task ComposePage_EnclosedLetterAndUploadedPdf_StartsCirculationWithBothEnclosuresInOrder()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        const string EnclosedSentence = "We have the honour to write to you in our capacity as Co-Chairs of the intergovernmental negotiations.";
        string marker = $"PROGRAMME-{tag}";
        byte[] programme = TestPdfs.Create(2, marker);
        string documentId = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(programme));
        string file = Path.Combine(Path.GetTempPath(), $"programme-{tag}.pdf");
        await File.WriteAllBytesAsync(file, programme);
        var page = await fixture.NewPageAsync();
        string id;
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));
            await page.FillAsync("#date", "2026-11-25");

            // An enclosed letter with two signatories.
            await page.ClickAsync("#add-enclosed-letter");
            var letter = page.Locator("#enclosures > li").Nth(0);
            await letter.Locator(".enc-date").FillAsync("2026-11-20");
            await letter.Locator(".enc-body").FillAsync(EnclosedSentence);
            await letter.Locator(".row-signatory").Nth(0).Locator(".sig-name").FillAsync("Giorgi Beridze");
            await letter.Locator(".row-signatory").Nth(0).Locator(".sig-title").FillAsync("Ambassador and Permanent Representative of Georgia");
            await letter.Locator(".row-signatory").Nth(0).Locator(".sig-email").FillAsync("pr.georgia@missions.example");
            await letter.Locator(".add-signatory").ClickAsync();
            await letter.Locator(".row-signatory").Nth(1).Locator(".sig-name").FillAsync("Ana Lucía Ferreira");
            await letter.Locator(".row-signatory").Nth(1).Locator(".sig-title").FillAsync("Ambassador and Permanent Representative of Uruguay");

            // A PDF document, uploaded from a file.
            await page.ClickAsync("#add-document");
            var document = page.Locator("#enclosures > li").Nth(1);
            await document.Locator(".doc-title").FillAsync("Programme of the meeting");
            await document.Locator(".doc-file").SetInputFilesAsync(file);
            await Expect(document.Locator(".doc-status")).ToContainTextAsync("2 pages", SlowContains);
            await Expect(document.Locator(".doc-status")).Not.ToHaveClassAsync(new Regex("field-error"));

            await page.ClickAsync("#submit");
            await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Start circulation" }).ClickAsync();

            await page.WaitForURLAsync(new Regex("/letters/L[0-9]{8}-[0-9]{6}-[2-9A-Z]{6}$"), LetterPageCommitted);
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        }
        finally
        {
            await page.Context.CloseAsync();
            File.Delete(file);
        }

        // Version 1 holds both enclosures, in the order they were added, as the contract names them.
        var version = await fixture.Api.GetAsync($"api/letters/{id}/versions/1");
        Assert.True(version.Status == System.Net.HttpStatusCode.OK, $"GET version 1 answered {(int)version.Status}: {version.Body}");
        var enclosures = version.Json.GetProperty("enclosures").EnumerateArray().ToList();
        Assert.Equal(2, enclosures.Count);
        Assert.Equal("letter", enclosures[0].GetProperty("kind").GetString());
        Assert.Equal("2026-11-20", enclosures[0].GetProperty("date").GetString());
        Assert.Equal(EnclosedSentence, enclosures[0].GetProperty("body").GetString());
        var signatories = enclosures[0].GetProperty("signatories").EnumerateArray().ToList();
        Assert.Equal(["Giorgi Beridze", "Ana Lucía Ferreira"], signatories.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Ambassador and Permanent Representative of Uruguay", signatories[1].GetProperty("title").GetString());
        Assert.Equal("pr.georgia@missions.example", signatories[0].GetProperty("email").GetString());
        Assert.False(signatories[1].TryGetProperty("email", out var noEmail) && noEmail.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.Equal("document", enclosures[1].GetProperty("kind").GetString());
        Assert.Equal(documentId, enclosures[1].GetProperty("documentId").GetString());
        Assert.Equal("Programme of the meeting", enclosures[1].GetProperty("title").GetString());

        // The letter's PDF: the cover letter, its enclosure line, the enclosed letter, then the document's pages.
        var (status, _, pdf) = await fixture.Api.GetPdfAsync(id);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        string text = MailAssertions.PdfText(pdf);
        string[] inOrder =
        [
            TestLetters.BodySentences[0],
            "Enclosures: Letter dated 20 November 2026 from Giorgi Beridze and Ana Lucía Ferreira; Programme of the meeting",
            EnclosedSentence,
            $"{marker} page 1",
            $"{marker} page 2",
        ];
        int at = -1;
        foreach (string expected in inOrder)
        {
            int found = text.IndexOf(expected, at + 1, StringComparison.Ordinal);
            Assert.True(found > at, $"Expected \"{expected}\" after position {at} in the PDF's text:\n{text}");
            at = found;
        }
    }

    [Fact]
    public async Task ComposePage_AttachingAFileThatIsNotAPdf_ShowsTheServersErrorNextToTheUpload_AndAttachesNothing()
    {
        string tag = TestLetters.NewTag("Web");
        var lettersBefore = await fixture.SettledLetterIdsAsync();
        var blobsBefore = await fixture.BlobNamesAsync();
        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/new");
            await FillFormAsync(page, tag, TestLetters.Approver(tag, 1));
            await page.ClickAsync("#add-document");
            var document = page.Locator("#enclosures > li").Nth(0);
            await document.Locator(".doc-title").FillAsync("Programme of the meeting");
            await document.Locator(".doc-file").SetInputFilesAsync(new FilePayload
            {
                Name = "programme.pdf",
                MimeType = "application/pdf",
                Buffer = System.Text.Encoding.UTF8.GetBytes("Programme of the meeting, typed as plain text."),
            });

            var status = document.Locator(".doc-status");
            await Expect(status).ToHaveTextAsync("The file is not a PDF: it does not start with the %PDF- header.", Slow);
            await Expect(status).ToHaveClassAsync(new Regex("field-error"));
            await Expect(document.Locator(".doc-file")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(document).Not.ToHaveAttributeAsync("data-document-id", new Regex("."));

            // With an incomplete enclosed letter after it, starting circulation is refused: each error appears next to
            // the control it names, the missing document next to the upload control.
            await page.ClickAsync("#add-enclosed-letter");
            var letter = page.Locator("#enclosures > li").Nth(1);
            await letter.Locator(".sig-title").FillAsync("Ambassador and Permanent Representative of Georgia");
            await page.ClickAsync("#submit");
            await page.Locator("dialog.confirm").GetByRole(AriaRole.Button, new() { Name = "Start circulation" }).ClickAsync();
            await Expect(page.Locator("#form-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(document.Locator(".doc-file + .field-error")).ToHaveTextAsync("Attach the PDF file.");
            await Expect(letter.Locator(".enc-body + .field-error")).ToHaveTextAsync("Write the text of the enclosed letter.");
            await Expect(letter.Locator(".sig-name + .field-error")).ToHaveTextAsync("Enter the signatory's name.");
            await Expect(letter.Locator(".enc-body")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(document.Locator(".doc-file")).ToBeFocusedAsync();
            await Expect(page.Locator("#submit")).ToBeEnabledAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Equal(lettersBefore, await fixture.SettledLetterIdsAsync());
        Assert.Equal(blobsBefore, await fixture.BlobNamesAsync());
    }

    [Fact]
    public async Task LetterPage_AfterChangesWereRequested_ShowsTheEarlierDecisionWithItsComment_AndAnEditLink()
    {
        string tag = TestLetters.NewTag("Web");
        string subject = TestLetters.Subject(tag);
        const string Comment = "Give the date of the zero draft.";
        var letter = TestLetters.Valid(tag, approvers: 1);
        string id = await fixture.Api.CreateLetterAsync(letter);
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));
        var asked = await fixture.Api.SubmitLinkFormAsync(link, ("decision", "RequestChanges"), ("comment", Comment));
        Assert.Equal(System.Net.HttpStatusCode.OK, asked.Status);
        await fixture.Api.WaitForStageAsync(id, "ChangesRequested", TimeSpan.FromSeconds(60));
        letter["body"] = TestLetters.BodySentences[0];
        var edited = await fixture.Api.UpdateLetterAsync(id, letter, basedOn: 1);
        Assert.True(edited.Status == System.Net.HttpStatusCode.OK, $"PUT answered {(int)edited.Status}: {edited.Body}");
        await fixture.Api.WaitForVersionAsync(id, "Drafting", 2);

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Drafting", Slow);
            var request = page.Locator("#timeline li", new() { HasText = "asked for changes" });
            await Expect(request).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(request.Locator(".event-text")).ToHaveTextAsync($"{TestLetters.Approver(tag, 1)} asked for changes to version 1: “{Comment}”");
            await Expect(request.Locator("time")).ToHaveAttributeAsync("datetime", new Regex("^2[0-9]{3}-"));
            await Expect(page.Locator("#edit-letter")).ToHaveAttributeAsync("href", $"/letters/{id}/edit");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LetterPage_DraftWithNoDate_SaysItIsDatedOnTheDayItIsSigned_AndItsEditViewKeepsTheDateEmpty()
    {
        string tag = TestLetters.NewTag("Web");
        var letter = TestLetters.Valid(tag, approvers: 1);
        Assert.False(letter.ContainsKey("date"));
        string id = await fixture.Api.CreateDraftAsync(letter);
        await fixture.Api.WaitForVersionAsync(id, "Drafting", 1);

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#letter-text .muted").First).ToHaveTextAsync("Version 1, no date: it is dated on the day it is signed", Slow);
            await Expect(page.Locator("#letter-text")).Not.ToContainTextAsync("dated Monday");

            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}/edit");
            await Expect(page.Locator("#editing-version")).ToHaveTextAsync("1", Slow);
            await Expect(page.Locator("#subject")).ToHaveValueAsync(TestLetters.Subject(tag));
            await Expect(page.Locator("#date")).ToHaveValueAsync("");
            await Expect(page.Locator("#date-words")).ToHaveTextAsync("No date: the letter is dated on the day it is signed.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task FillFormAsync(IPage page, string tag, params string[] approvers)
    {
        await page.FillAsync("#subject", TestLetters.Subject(tag));
        await page.FillAsync("#body", string.Join("\n\n", TestLetters.BodySentences));
        await page.SelectOptionAsync("#signatory", TestLetters.Signatory(tag));
        await ChooseApproversAsync(page, approvers);
        await page.SelectOptionAsync("#distributionList", TestLetters.AllMissions);
    }

    /// <summary>Chooses <paramref name="approvers"/> in order in the approver pickers, adding rows as needed.</summary>
    private static async Task ChooseApproversAsync(IPage page, string[] approvers)
    {
        var rows = page.Locator("#approvers select");
        await Expect(rows.First).ToBeVisibleAsync();
        while (await rows.CountAsync() > 1)
        {
            await page.Locator("#approvers .remove-approver").Last.ClickAsync();
        }

        for (int i = 0; i < approvers.Length; i++)
        {
            if (i > 0)
            {
                await page.ClickAsync("#add-approver");
            }

            await rows.Nth(i).SelectOptionAsync(approvers[i]);
        }
    }
}
