using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using Circulation.Tests.TestSupport.Smtp;
using Microsoft.Playwright;
using Xunit;
using static Microsoft.Playwright.Assertions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The staff pages answer a drafter's questions: where is a letter (search), where does it stand, what can be done
/// with it in flight (withdraw, replace an approver), and they fit a phone's screen. On the browser collection's host.
/// </summary>
[Collection(Collections.Browser)]
public sealed class LetterPagesTests(BrowserHostFixture fixture)
{
    private static readonly LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 60_000 };
    private static readonly LocatorAssertionsToContainTextOptions SlowContains = new() { Timeout = 30_000 };

    [Fact]
    public async Task PageRoutes_LettersNewIsTheComposeForm_AMalformedLetterIdIsANotFoundPage_AndAWellFormedOneTheLetterPage()
    {
        var compose = await fixture.Api.GetAsync("letters/new");
        Assert.Equal(HttpStatusCode.OK, compose.Status);
        Assert.Contains("/assets/compose.js", compose.Body, StringComparison.Ordinal);
        var letter = await fixture.Api.GetAsync("letters/L20261203-101500-7K2QX9");
        Assert.Equal(HttpStatusCode.OK, letter.Status);
        Assert.Contains("/assets/letter.js", letter.Body, StringComparison.Ordinal);
        var edit = await fixture.Api.GetAsync("letters/L20261203-101500-7K2QX9/edit");
        Assert.Contains("/assets/compose.js", edit.Body, StringComparison.Ordinal);
        var malformed = await fixture.Api.GetAsync("letters/newer");
        Assert.Equal(HttpStatusCode.NotFound, malformed.Status);
        Assert.Contains("is not a letter's reference", malformed.Body, StringComparison.Ordinal);
        foreach (string path in new[] { "", "letters" })
        {
            var list = await fixture.Api.GetAsync(path);
            Assert.Contains("/assets/letters.js", list.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LettersPage_SearchBySubjectAmongMany_FindsTheOneLetter_InAShareableUrl_AndItsLinkOpensTheLetterPage()
    {
        string common = TestLetters.NewTag("Find");
        var ids = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            var other = TestLetters.Valid(TestLetters.NewTag("Find"));
            other["subject"] = $"Consultations {common} round {i}";
            ids.Add(await fixture.Api.CreateDraftAsync(other));
        }

        var wanted = TestLetters.Valid(TestLetters.NewTag("Find"));
        string subject = $"Revitalization of the work of the General Assembly {common} zero draft";
        wanted["subject"] = subject;
        string id = await fixture.Api.CreateDraftAsync(wanted);

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters");
            await Expect(page.Locator("#letters tbody tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.FillAsync("#q", $"zero {common}");
            await page.ClickAsync("#search");

            await page.WaitForURLAsync(new Regex($"[?&]q=zero"));
            var rows = page.Locator("#letters tbody tr");
            await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(rows.First.Locator("a")).ToHaveTextAsync(subject);
            string shared = page.Url;

            await rows.First.Locator("a").ClickAsync();
            await page.WaitForURLAsync(new Regex($"/letters/{id}$"), new() { WaitUntil = WaitUntilState.Commit });
            await Expect(page.Locator("h1#subject")).ToHaveTextAsync(subject, Slow);
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Drafting");

            // Back: the search is still there, as typed.
            await page.GoBackAsync();
            await Expect(page.Locator("#q")).ToHaveValueAsync($"zero {common}");
            await Expect(page.Locator("#letters tbody tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });

            // The URL is the search: opened afresh, it shows the same letter.
            await page.GotoAsync(shared);
            await Expect(page.Locator($"#letters tbody tr[data-id='{id}']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(page.Locator("#letters tbody tr")).ToHaveCountAsync(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task LetterPage_AMissionsServerRefusedTheLetter_ShowsWhichMissionFailedAndWhy_AndAResendFromThePageReachesIt()
    {
        string tag = TestLetters.NewTag("Failed");
        string subject = TestLetters.Subject(tag);
        var mission = MailAssertions.MissionsOn(TestLetters.MemberStates)[^1];
        fixture.Smtp.FailAlways(mission.Email, SmtpFault.MailboxUnavailable);
        try
        {
            string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
            await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
            await fixture.Api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
            await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

            var page = await fixture.NewPageAsync();
            try
            {
                await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
                await Expect(page.Locator("#stage")).ToHaveTextAsync("Distributed", Slow);
                await Expect(page.Locator("#deliveries-summary")).ToContainTextAsync("1 failed", SlowContains);

                // Failed only: the one mission, with the server's reason.
                await page.CheckAsync("#failed-only");
                var shown = page.Locator("#deliveries tbody tr:visible");
                await Expect(shown).ToHaveCountAsync(1);
                await Expect(shown.Locator("td[data-label=Mission]")).ToHaveTextAsync(mission.Name);
                await Expect(shown.Locator("td[data-label=Address]")).ToHaveTextAsync(mission.Email);
                await Expect(shown.Locator("td[data-label=State]")).ToHaveTextAsync("Failed");
                await Expect(shown.Locator("td.reason")).ToContainTextAsync("550");
                await Screenshots.SaveAsync(page, "letter-failed-delivery-1280.png");

                // Sorted by state, failed first; the header says how it is sorted.
                await page.UncheckAsync("#failed-only");
                await page.ClickAsync("#deliveries button.sort[data-sort=state]");
                await Expect(page.Locator("#deliveries th", new() { Has = page.Locator("button[data-sort=state]") })).ToHaveAttributeAsync("aria-sort", "ascending");
                await Expect(page.Locator("#deliveries tbody tr").First.Locator("td[data-label=Mission]")).ToHaveTextAsync(mission.Name);

                // The mission's server takes mail again; resend to it from its row, with a reason.
                fixture.Smtp.Script(mission.Email, _ => null);
                await page.ClickAsync($"#deliveries button.resend[data-mission='{mission.Id}']");
                var dialog = page.Locator("dialog.confirm");
                await Expect(dialog).ToContainTextAsync(mission.Email);
                await dialog.GetByLabel("Why is it sent again?").FillAsync("The mission's mailbox is fixed.");
                await dialog.GetByRole(AriaRole.Button, new() { Name = "Resend" }).ClickAsync();

                var row = page.Locator($"#deliveries tbody tr[data-key='{mission.Id}']");
                await Expect(row.Locator("td[data-label=State]")).ToHaveTextAsync("Sent", new() { Timeout = 60_000 });
                await Expect(row.Locator("td[data-label=Attempts]")).ToHaveTextAsync("2");
                await Expect(page.Locator("#deliveries-summary")).ToContainTextAsync($"{MailAssertions.MissionsOn(TestLetters.MemberStates).Count} of", SlowContains);
            }
            finally
            {
                await page.Context.CloseAsync();
            }

            var deliveries = await fixture.Api.GetDeliveriesAsync(id);
            var attempts = deliveries.GetProperty("deliveries").EnumerateArray().Single(r => r.GetProperty("mission").GetString() == mission.Id).GetProperty("history");
            Assert.Equal(["Failed", "Sent"], attempts.EnumerateArray().Select(a => a.GetProperty("state").GetString()));
            Assert.Equal("The mission's mailbox is fixed.", attempts[1].GetProperty("requestReason").GetString());

            // Once the resend has ended, the letter counts no failure, so it leaves "Needs attention", and its timeline says so.
            int total = MailAssertions.MissionsOn(TestLetters.MemberStates).Count;
            var letter = await Poll.UntilAsync(
                $"letter {id} to count no failed delivery after the resend",
                TimeSpan.FromSeconds(60),
                async () => await fixture.Api.GetLetterAsync(id) is var l && l.GetProperty("deliveries").GetProperty("failed").GetInt32() == 0 ? (object)l : null);
            var counted = ((JsonElement)letter).GetProperty("deliveries");
            Assert.Equal((total, total), (counted.GetProperty("total").GetInt32(), counted.GetProperty("sent").GetInt32()));
            var events = ((JsonElement)letter).GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.TryGetProperty("text", out var text) ? text.GetString() : null)).ToList();
            Assert.Contains(("DistributionFinished", $"{total - 1} of {total} sent, 1 failed"), events);
            Assert.Contains(("ResendFinished", "1 of 1 sent"), events);
            var attention = await fixture.Api.ListLettersAsync("view=attention&limit=200");
            Assert.DoesNotContain(id, attention.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("id").GetString()));
        }
        finally
        {
            fixture.Smtp.Script(mission.Email, _ => null);
        }
    }

    [Fact]
    public async Task LetterPage_WithdrawALetterAwaitingApproval_AfterConfirmingWithAReason_ItsStageIsWithdrawn_AndItsOldLinkIsRefused()
    {
        string tag = TestLetters.NewTag("Withdraw");
        string subject = TestLetters.Subject(tag);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await page.ClickAsync("#withdraw");
            var dialog = page.Locator("dialog.confirm");
            await Expect(dialog).ToContainTextAsync(TestLetters.Approver(tag, 1));
            await dialog.GetByLabel("Why is it withdrawn?").FillAsync("The meeting was cancelled.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();

            await Expect(page.Locator("#stage")).ToHaveTextAsync("Withdrawn", new() { Timeout = 60_000 });
            await Expect(page.Locator("#withdraw")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var old = await fixture.Api.As(TestLetters.Approver(tag, 1)).GetAsync(link);
        Assert.NotEqual(HttpStatusCode.OK, old.Status);
        Assert.DoesNotContain("name=\"decision\"", old.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterPage_ReplaceThePendingApprover_TheNewApproverGetsALink_TheOldLinkIsRefused_AndTheTimelineSaysWhy()
    {
        string tag = TestLetters.NewTag("Replace");
        string subject = TestLetters.Subject(tag);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var oldLink = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));
        string replacement = TestLetters.Approver(tag, 3);

        var page = await fixture.NewPageAsync();
        try
        {
            await page.GotoAsync($"{fixture.Host.BaseUrl}letters/{id}");
            await Expect(page.Locator("#stage")).ToHaveTextAsync("Awaiting approval", Slow);
            await page.ClickAsync("#replace");
            var dialog = page.Locator("dialog.confirm");
            await dialog.GetByLabel("New approver").SelectOptionAsync(replacement);
            await dialog.GetByLabel("Why?").FillAsync("On leave until January.");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Replace" }).ClickAsync();

            await Expect(page.Locator("#facts")).ToContainTextAsync(new Regex($"Approval 1 by .*{Regex.Escape(replacement)}"), new() { Timeout = 60_000 });
            await Expect(page.Locator("#timeline")).ToContainTextAsync("On leave until January.", SlowContains);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        var newLink = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", replacement);
        Assert.NotEqual(HttpStatusCode.OK, (await fixture.Api.As(TestLetters.Approver(tag, 1)).GetAsync(oldLink)).Status);
        await fixture.Api.ApproveAsync(newLink);
        await fixture.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Pages_At390PixelsWide_HaveNoSidewaysScroll_AndAreKeptAsScreenshotsAt1280And390()
    {
        string tag = TestLetters.NewTag("Shots");
        string subject = TestLetters.Subject(tag);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 2));
        await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await fixture.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromSeconds(60));
        var page = await fixture.NewPageAsync();
        try
        {
            foreach (int width in new[] { 1280, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                foreach (var (name, path, ready) in new[]
                {
                    ("letters", "letters", "#letters tbody tr"),
                    ("letter", $"letters/{id}", "#timeline li"),
                    ("compose", "letters/new", "#letter-form[data-ready=true]"),
                })
                {
                    await page.GotoAsync($"{fixture.Host.BaseUrl}{path}");
                    await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    if (name == "letter")
                    {
                        await Expect(page.Locator("#timeline li", new() { HasText = "approved" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
                        await page.ClickAsync("#archive-summary");
                    }

                    int scrollWidth = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth");
                    Assert.True(width != 390 || scrollWidth <= 390, $"The {name} page is {scrollWidth} px wide at 390 px.");
                    await Screenshots.SaveAsync(page, $"{name}-{width}.png");
                }
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
