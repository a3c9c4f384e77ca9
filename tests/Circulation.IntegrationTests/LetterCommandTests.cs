using System.Net;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// Withdraw, remind and replace over HTTP on the real local stack: the workflow takes them, the links' pages say what
/// happened, the people concerned get mail, and anything the stage does not allow is a 409 with the reason.
/// </summary>
[Collection(Collections.Links)]
public sealed class LetterCommandTests(LinkHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private CirculationClient Api => fixture.Api;

    [Fact]
    public async Task Withdraw_LetterAwaitingApproval_OldLinkSaysWithdrawnApproverIsToldAndTheStageIsWithdrawn()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync();
        const string reason = "Superseded by the President's statement of this morning.";

        var answer = await this.PostAsync(id, "withdraw", new { reason });
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"withdraw answered {(int)answer.Status}: {answer.Body}");
        Assert.Equal((id, "AwaitingApproval", "withdraw"), (answer.Json.GetProperty("id").GetString(), answer.Json.GetProperty("stage").GetString(), answer.Json.GetProperty("action").GetString()));
        await this.Api.WaitForStageAsync(id, "Withdrawn", Wait, completed: true);

        var notice = await fixture.Mail.WaitForAsync($"Withdrawn: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        Assert.Contains(reason, await fixture.Mail.PlainTextAsync(notice.Id), StringComparison.Ordinal);
        var page = await this.Api.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains($"This letter was withdrawn by {TestPeople.Drafter} on ", WebUtility.HtmlDecode(page.Body), StringComparison.Ordinal);
        Assert.Contains($"{reason.TrimEnd('.')}. Nothing is needed from you.", WebUtility.HtmlDecode(page.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page.Body, StringComparison.Ordinal);
        var post = await this.Api.As(TestLetters.Approver(tag, 1)).PostFormAsync("approve", ("token", CirculationClient.TokenOf(link)), ("decision", "Approve"), ("comment", ""));
        Assert.Equal(HttpStatusCode.Gone, post.Status);

        var again = await this.PostAsync(id, "withdraw", new { reason = "Once more." });
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already withdrawn", Words(again), StringComparison.Ordinal);

        // The drafter withdrew it themselves: the workflow has ended, and it told the approver only.
        Assert.DoesNotContain(await fixture.Mail.ListAsync(tag), m => m.Subject.StartsWith("Withdrawn:", StringComparison.Ordinal) && m.To.Contains(TestPeople.Drafter));
    }

    [Fact]
    public async Task WithdrawnLetterLink_OpenedByAnotherSignedInStaffMember_ShowsOnlyWhomItWasSentTo_NotTheSubjectReasonOrWhoWithdrewIt()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync();
        const string reason = "Overtaken by the informal consultations.";
        var answer = await this.PostAsync(id, "withdraw", new { reason });
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"withdraw answered {(int)answer.Status}: {answer.Body}");
        await this.Api.WaitForStageAsync(id, "Withdrawn", Wait, completed: true);

        var page = await this.Api.As(TestPeople.Signatory).GetAsync(link.PathAndQuery);

        string text = WebUtility.HtmlDecode(page.Body);
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains($"This link was sent to {TestLetters.Approver(tag, 1)}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLetters.Subject(tag), text, StringComparison.Ordinal);
        Assert.DoesNotContain(reason.TrimEnd('.'), text, StringComparison.Ordinal);
        Assert.DoesNotContain("withdrawn", text, StringComparison.OrdinalIgnoreCase);

        // The person it was sent to is told.
        var own = await this.Api.As(TestLetters.Approver(tag, 1)).GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, own.Status);
        Assert.Contains(reason.TrimEnd('.'), WebUtility.HtmlDecode(own.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_ByAnAdmin_TellsTheDrafterWhoWithdrewItAndWhy_AsWellAsTheApprover()
    {
        var (tag, id, _) = await this.NewLetterAwaitingApproverAsync();
        const string reason = "The consultations were postponed to January.";

        var answer = await this.Api.As(TestPeople.Admin).SendJsonAsync(HttpMethod.Post, $"api/letters/{id}/withdraw", JsonSerializer.Serialize(new { reason }));
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"withdraw answered {(int)answer.Status}: {answer.Body}");
        await this.Api.WaitForStageAsync(id, "Withdrawn", Wait, completed: true);

        var notice = await fixture.Mail.WaitForAsync($"Withdrawn: {TestLetters.Subject(tag)}", TestPeople.Drafter);
        string text = await fixture.Mail.PlainTextAsync(notice.Id);
        Assert.Contains($"was withdrawn by {TestPeople.Admin} on ", text, StringComparison.Ordinal);
        Assert.Contains($"Reason: {reason}", text, StringComparison.Ordinal);
        Assert.Contains($"/letters/{id}", text, StringComparison.Ordinal);
        Assert.Contains(reason, await fixture.Mail.PlainTextAsync((await fixture.Mail.WaitForAsync($"Withdrawn: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1))).Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_PendingApprover_OldLinkIsRefusedAndTheNewPersonsLinkApproves()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync();
        const string deputy = "deputy.chef@un.example";

        var answer = await this.PostAsync(id, "replace", new { person = deputy, reason = "On leave until January." });
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"replace answered {(int)answer.Status}: {answer.Body}");
        var newLink = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", deputy);

        var old = await this.Api.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, old.Status);
        Assert.Contains($"This link was replaced: {deputy} now decides on this letter", WebUtility.HtmlDecode(old.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("On leave until January", old.Body, StringComparison.Ordinal);
        await this.Api.ApproveAsync(newLink);
        var letter = await this.Api.WaitForStageAsync(id, "AwaitingSignature", Wait);
        Assert.Equal(deputy, Assert.Single(letter.GetProperty("approvals").EnumerateArray()).GetProperty("approver").GetString());

        // The signatory's page names who decided: the replacement, not the approver first asked.
        var signing = WebUtility.HtmlDecode((await this.Api.GetAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestPeople.Signatory))).Body);
        Assert.Contains($"Approver 1, {deputy}: Approved", signing, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLetters.Approver(tag, 1), signing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_PendingSignatory_TheNewSignatorysPageNamesThemAndNotTheOriginal()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync();
        await this.Api.ApproveAsync(link);
        var original = await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestPeople.Signatory);
        Assert.Contains("Amina Rahman", WebUtility.HtmlDecode((await this.Api.GetAsync(original)).Body), StringComparison.Ordinal);
        const string acting = "vice.president@un.example";

        var answer = await this.PostAsync(id, "replace", new { person = acting, reason = "The President is travelling." });
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"replace answered {(int)answer.Status}: {answer.Body}");
        var (mail, newLink) = await fixture.Mail.WaitForNthLinkAsync($"For signature: {TestLetters.Subject(tag)}", acting, 1);
        Assert.Contains("Dear Karin Lindqvist,", mail, StringComparison.Ordinal);

        // The page the new link opens, and the same page again after a refused post, name the person who now signs.
        var page = await this.Api.GetAsync(newLink);
        Assert.True(page.Status == HttpStatusCode.OK, $"the new signatory's page answered {(int)page.Status}: {page.Body}");
        var refused = await this.Api.As(acting).PostFormAsync("sign", ("token", CirculationClient.TokenOf(newLink)), ("comment", new string('x', 4001)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        foreach (string body in new[] { page.Body, refused.Body }.Select(b => WebUtility.HtmlDecode(b)))
        {
            Assert.Contains("<dt>Signatory</dt><dd>Karin Lindqvist, Vice-President of the General Assembly, Acting President</dd>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Amina Rahman", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Remind_PendingApprover_GetsASecondMailWhoseLinkWorks()
    {
        var (tag, id, _) = await this.NewLetterAwaitingApproverAsync();

        var answer = await this.PostAsync(id, "remind", new { });
        Assert.True(answer.Status == HttpStatusCode.Accepted, $"remind answered {(int)answer.Status}: {answer.Body}");
        var reminder = await fixture.Mail.WaitForLinkAsync($"Reminder: For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));

        // Once the reminder is on the letter's timeline, a second one so soon is refused, saying when one may be sent.
        await Poll.UntilAsync(
            "the reminder on the letter's timeline",
            Wait,
            async () => (await this.Api.GetLetterAsync(id)).GetProperty("timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "Reminded"));
        var tooSoon = await this.PostAsync(id, "remind", new { });
        Assert.Equal(HttpStatusCode.Conflict, tooSoon.Status);
        Assert.Contains("another can be sent after", Words(tooSoon), StringComparison.Ordinal);

        await this.Api.ApproveAsync(reminder);
        await this.Api.WaitForStageAsync(id, "AwaitingSignature", Wait);
    }

    [Fact]
    public async Task BadRequests_AreRefusedInPlainWords_AndTheLetterStillWaitsForItsApprover()
    {
        var (tag, id, _) = await this.NewLetterAwaitingApproverAsync();

        var noReason = await this.PostAsync(id, "withdraw", new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("Say why the letter is withdrawn", Words(noReason), StringComparison.Ordinal);
        var stranger = await this.PostAsync(id, "replace", new { person = TestPeople.Stranger, reason = "Why not." });
        Assert.Equal(HttpStatusCode.BadRequest, stranger.Status);
        Assert.Contains("is not in the Office's staff directory", Words(stranger), StringComparison.Ordinal);
        var noRole = await this.PostAsync(id, "replace", new { person = TestPeople.OtherDrafter, reason = "Why not." });
        Assert.Equal(HttpStatusCode.BadRequest, noRole.Status);
        Assert.Contains("does not have the approver role", Words(noRole), StringComparison.Ordinal);
        var same = await this.PostAsync(id, "replace", new { person = TestLetters.Approver(tag, 1), reason = "Why not." });
        Assert.Equal(HttpStatusCode.BadRequest, same.Status);
        Assert.Contains("is already the approver the letter waits for", Words(same), StringComparison.Ordinal);
        var notTheirs = await this.Api.As(TestPeople.OtherDrafter).SendJsonAsync(HttpMethod.Post, $"api/letters/{id}/withdraw", """{"reason":"Not mine."}""");
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.Status);

        // Nothing was raised, so nothing changed.
        var letter = await this.Api.GetLetterAsync(id);
        Assert.Equal("AwaitingApproval", letter.GetProperty("stage").GetString());
        Assert.Equal(TestLetters.Approver(tag, 1), letter.GetProperty("waitingFor").GetProperty("who").GetString());
    }

    [Fact]
    public async Task EveryAction_AfterSigning_Returns409SayingWhenTheLetterWasSigned()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync();
        await this.Api.ApproveAsync(link);
        await this.Api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestPeople.Signatory));
        await Poll.UntilAsync(
            $"letter {id} to be signed",
            Wait,
            async () => (await this.Api.GetLetterAsync(id)).GetProperty("stage").GetString() is "Distributing" or "Distributed" ? (object)true : null);

        var withdraw = await this.PostAsync(id, "withdraw", new { reason = "Too late?" });
        Assert.Equal(HttpStatusCode.Conflict, withdraw.Status);
        Assert.Contains("The letter was signed on ", Words(withdraw), StringComparison.Ordinal);
        Assert.Contains("it can no longer be withdrawn.", Words(withdraw), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await this.PostAsync(id, "remind", new { })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await this.PostAsync(id, "replace", new { person = "vice.president@un.example", reason = "Too late?" })).Status);
    }

    /// <summary>Every string of a JSON answer, unescaped (the serializer escapes apostrophes).</summary>
    private static string Words(PageResponse response)
    {
        static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
            _ => [],
        };
        return string.Join(" ", Strings(response.Json));
    }

    private Task<PageResponse> PostAsync(string id, string action, object body) =>
        this.Api.SendJsonAsync(HttpMethod.Post, $"api/letters/{id}/{action}", JsonSerializer.Serialize(body));

    private async Task<(string Tag, string Id, Uri Link)> NewLetterAwaitingApproverAsync()
    {
        string tag = TestLetters.NewTag("Act");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));

        // The request mail leaves before the read model records the stage: the tests start from a letter the API shows waiting.
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromMinutes(1));
        return (tag, id, link);
    }
}
