using System.Net;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// The e-mailed links: only the genuine, current, unused link acts, once, and only on POST.
/// "Nothing changed" is shown without sleeping: after a refused attempt the genuine link is used, and the
/// letter then holds exactly the genuine decision (and the archive exactly one link-use record).
/// </summary>
[Collection(Collections.Links)]
public sealed class LinkTests(LinkHostFixture fixture)
{
    private CirculationClient Api => fixture.Api;

    [Fact]
    public async Task TamperedToken_Returns400NotValid_AndChangesNothing()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 2);
        string token = CirculationClient.TokenOf(link);
        string[] tampered =
        [
            Flip(token, token.Length - 3),      // the signature
            Flip(token, 10),                    // the payload
            token[..token.IndexOf('.', StringComparison.Ordinal)],  // signature cut off
            token + "x",
        ];

        foreach (string bad in tampered)
        {
            var get = await this.Api.GetAsync($"approve?token={Uri.EscapeDataString(bad)}");
            Assert.Equal(HttpStatusCode.BadRequest, get.Status);
            Assert.Contains("This link is not valid", get.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<form", get.Body, StringComparison.Ordinal);

            var post = await this.Api.PostFormAsync("approve", ("token", bad), ("decision", "Approve"), ("comment", ""));
            Assert.Equal(HttpStatusCode.BadRequest, post.Status);
            Assert.Contains("This link is not valid", post.Body, StringComparison.Ordinal);
        }

        await AssertWaitingForApproverAsync(id, step: 1, decisions: 0);
        Assert.Empty(await this.LinkUsesAsync(id));

        // The genuine link still works, and only its decision is recorded.
        await this.Api.ApproveAsync(link);
        await fixture.Mail.WaitForAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2));
        await AssertWaitingForApproverAsync(id, step: 2, decisions: 1);
        Assert.Single(await this.LinkUsesAsync(id));
    }

    [Fact]
    public async Task UsedLink_SecondPostReturns409AlreadyUsed_AndKeepsTheFirstDecision()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        await this.Api.ApproveAsync(link);

        var again = await this.Api.As(TestLetters.Approver(tag, 1)).PostFormAsync("approve", ("token", CirculationClient.TokenOf(link)), ("decision", "Reject"), ("comment", "Second thoughts."));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("already been used", again.Body, StringComparison.Ordinal);

        var letter = await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        var decision = Assert.Single(letter.GetProperty("approvals").EnumerateArray());
        Assert.Equal("Approve", decision.GetProperty("decision").GetString());
        Assert.Single(await this.LinkUsesAsync(id));

        var reopened = await this.Api.GetAsync(link);
        Assert.Equal(HttpStatusCode.Conflict, reopened.Status);
        Assert.DoesNotContain("<form", reopened.Body, StringComparison.Ordinal);

        // It says what was decided and when, and links the letter's page.
        var at = decision.TryGetProperty("decidedAt", out var decidedAt) ? decidedAt : decision.GetProperty("at");
        string when = Circulation.Mail.LetterMails.When(at.GetDateTimeOffset());
        Assert.Contains($"approved this letter on {when}.", WebUtility.HtmlDecode(again.Body), StringComparison.Ordinal);
        Assert.Contains($"href=\"/letters/{id}\"", reopened.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondApproversPageAndMail_ShowTheDrafterTheAudienceAndTheFirstApproversDecisionWithComment()
    {
        var (tag, id, first) = await this.NewLetterAwaitingApproverAsync(approvers: 2);
        const string Comment = "Fine, with the date of the second meeting checked.";
        var thanks = await this.Api.SubmitLinkFormAsync(first, ("decision", "Approve"), ("comment", Comment));
        Assert.Contains($"href=\"/letters/{id}\"", thanks.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", thanks.Body, StringComparison.Ordinal);

        var second = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2));
        var page = await this.Api.GetAsync(second);
        string body = WebUtility.HtmlDecode(page.Body);

        int count = MailAssertions.MissionsOn(TestLetters.MemberStates).Count;
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"<dt>Drafted by</dt><dd>{TestLetters.Drafter(tag)}</dd>", body, StringComparison.Ordinal);
        Assert.Contains($"<dt>Goes to</dt><dd>All Permanent Representatives, {count} missions</dd>", body, StringComparison.Ordinal);
        Assert.Contains($"Approver 1, {TestLetters.Approver(tag, 1)}: Approved on ", body, StringComparison.Ordinal);
        Assert.Contains($"<q>{Comment}</q>", body, StringComparison.Ordinal);
        Assert.Contains("Dated on the day it is signed", body, StringComparison.Ordinal);

        var mail = await fixture.Mail.RawAsync((await fixture.Mail.WaitForAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2))).Id);
        Assert.Contains($"Drafted by: {TestLetters.Drafter(tag)}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Goes to: All Permanent Representatives, {count} missions", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Approver 1, {TestLetters.Approver(tag, 1)}: Approved on ", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Comment, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Comment, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reject_AsksForConfirmationFirst_AndOnlyTheConfirmedPostRejects()
    {
        var (_, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);

        var first = await this.Api.SubmitLinkFormAsync(link, ("decision", "Reject"), ("comment", "Not this session."));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Reject this letter?", first.Body, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="confirm" value="yes">""", first.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", first.Body, StringComparison.Ordinal);
        await AssertWaitingForApproverAsync(id, step: 1, decisions: 0);
        Assert.Empty(await this.LinkUsesAsync(id));

        var confirmed = await this.Api.SubmitLinkFormAsync(link, ("decision", "Reject"), ("comment", "Not this session."), ("confirm", "yes"));
        Assert.Contains("Your rejection has been recorded", confirmed.Body, StringComparison.Ordinal);
        await this.Api.WaitForStageAsync(id, "Rejected", TimeSpan.FromSeconds(60), completed: true);
    }

    [Fact]
    public async Task UsedLinkOpenedRightAfterUse_Returns409_NotTheFormAgain()
    {
        var (_, _, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        await this.Api.ApproveAsync(link);

        var reopened = await this.Api.GetAsync(link);

        Assert.Equal(HttpStatusCode.Conflict, reopened.Status);
        Assert.DoesNotContain("<form", reopened.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameLinkPostedTwiceAtOnce_ExactlyOnePostIsAccepted()
    {
        var (_, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        string token = CirculationClient.TokenOf(link);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            this.Api.As(TestPeople.Approvers[0]).PostFormAsync("approve", ("token", token), ("decision", "Approve"), ("comment", ""))));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        var letter = await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        Assert.Single(letter.GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task FirstApproversLinkAfterTheyActed_IsNotAccepted_AndTheNextApproverStillDecides()
    {
        var (tag, id, first) = await this.NewLetterAwaitingApproverAsync(approvers: 2);
        await this.Api.ApproveAsync(first);
        var second = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2));

        var reopened = await this.Api.GetAsync(first);
        Assert.True(reopened.Status is HttpStatusCode.Conflict or HttpStatusCode.Gone, $"Approver 1's old link answered {(int)reopened.Status}.");
        Assert.DoesNotContain("<form", reopened.Body, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", reopened.Body, StringComparison.Ordinal);

        var reused = await this.Api.As(TestLetters.Approver(tag, 1)).PostFormAsync("approve", ("token", CirculationClient.TokenOf(first)), ("decision", "Reject"), ("comment", "Changed my mind."));
        Assert.True(reused.Status is HttpStatusCode.Conflict or HttpStatusCode.Gone, $"Posting approver 1's old link answered {(int)reused.Status}.");

        // An approval token is not a signature token either.
        var asSignature = await this.Api.PostFormAsync("sign", ("token", CirculationClient.TokenOf(first)), ("confirm", "yes"));
        Assert.Equal(HttpStatusCode.BadRequest, asSignature.Status);

        await AssertWaitingForApproverAsync(id, step: 2, decisions: 1);
        await this.Api.ApproveAsync(second);
        var letter = await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        Assert.Equal(["Approve", "Approve"], letter.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("decision").GetString()));
    }

    [Fact]
    public async Task OpeningLinkThreeTimes_NeverActs_AndTheLinkStillWorksAfterwards()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 2);
        for (int i = 0; i < 3; i++)
        {
            var page = await this.Api.As(TestPeople.Approvers[0]).GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("<form method=\"post\" action=\"/approve\">", page.Body, StringComparison.Ordinal);
        }

        await AssertWaitingForApproverAsync(id, step: 1, decisions: 0);
        Assert.Empty(await this.LinkUsesAsync(id));
        Assert.Single(await fixture.Mail.ListAsync(tag));

        await this.Api.ApproveAsync(link);
        await fixture.Mail.WaitForAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2));
        await AssertWaitingForApproverAsync(id, step: 2, decisions: 1);
    }

    [Fact]
    public async Task FormWithoutAValidDecision_Returns400WithTheForm_AndTheLinkStaysUsable()
    {
        var (_, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        string token = CirculationClient.TokenOf(link);

        var approver = this.Api.As(TestPeople.Approvers[0]);
        var noDecision = await approver.PostFormAsync("approve", ("token", token), ("decision", "Maybe"), ("comment", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noDecision.Status);
        Assert.Contains("Choose Approve, Request changes or Reject.", noDecision.Body, StringComparison.Ordinal);
        Assert.Contains("<form", noDecision.Body, StringComparison.Ordinal);

        var rejectWithoutReason = await approver.PostFormAsync("approve", ("token", token), ("decision", "Reject"), ("comment", "  "));
        Assert.Equal(HttpStatusCode.BadRequest, rejectWithoutReason.Status);
        Assert.Contains("Say in the comment", rejectWithoutReason.Body, StringComparison.Ordinal);

        await AssertWaitingForApproverAsync(id, step: 1, decisions: 0);
        Assert.Empty(await this.LinkUsesAsync(id));
        await this.Api.ApproveAsync(link);
        await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task RequestChanges_EndsTheRound_AndTellsTheDrafterWithTheComment()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 2);
        var answer = await this.Api.SubmitLinkFormAsync(link, ("decision", "RequestChanges"), ("comment", "Please cite resolution 77/335."));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("Your request for changes has been recorded", answer.Body, StringComparison.Ordinal);

        var letter = await this.Api.WaitForStageAsync(id, "ChangesRequested", TimeSpan.FromSeconds(60));
        Assert.Equal("Please cite resolution 77/335.", letter.GetProperty("note").GetString());
        var notice = await fixture.Mail.WaitForAsync($"Changes requested: {TestLetters.Subject(tag)}", TestLetters.Drafter(tag));
        Assert.Contains("Please cite resolution 77/335.", await fixture.Mail.PlainTextAsync(notice.Id), StringComparison.Ordinal);

        // Approver 2 was never asked.
        Assert.DoesNotContain(await fixture.Mail.ListAsync(tag), m => m.To.Contains(TestLetters.Approver(tag, 2)));
    }

    [Fact]
    public async Task SigningWithoutTheConfirmation_ShowsTheConfirmationNamingTheAudience_AndSendsNothing()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        await this.Api.ApproveAsync(link);
        var signLink = await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestLetters.Signatory(tag));

        // The request mail leaves before the read model records the stage: wait for it, so the check after the post can only
        // see what the unconfirmed post did.
        await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromMinutes(1));
        var signatory = this.Api.As(TestPeople.Signatory);
        var unconfirmed = await signatory.PostFormAsync("sign", ("token", CirculationClient.TokenOf(signLink)), ("comment", ""));
        Assert.Equal(HttpStatusCode.OK, unconfirmed.Status);
        int count = MailAssertions.MissionsOn(TestLetters.MemberStates).Count;
        Assert.Contains($"Signing sends it to All Permanent Representatives, {count} missions.", unconfirmed.Body, StringComparison.Ordinal);
        Assert.Contains("""<input type="hidden" name="confirm" value="yes">""", unconfirmed.Body, StringComparison.Ordinal);

        var letter = await this.Api.GetLetterAsync(id);
        Assert.Equal("AwaitingSignature", letter.GetProperty("stage").GetString());
        Assert.False(letter.TryGetProperty("signedAt", out var signedAt) && signedAt.ValueKind != JsonValueKind.Null, $"signedAt is {signedAt}");
        Assert.Single(await this.LinkUsesAsync(id));
        Assert.Equal(HttpStatusCode.OK, (await signatory.GetAsync(signLink)).Status);
    }

    [Fact]
    public async Task LinkNamingAnotherRendition_Returns409_AndTheGenuineLinkShowsServesAndRecordsTheVersionsPdfHash()
    {
        var (tag, id, link) = await this.NewLetterAwaitingApproverAsync(approvers: 1);
        var approver = this.Api.As(TestLetters.Approver(tag, 1));
        string sha256 = (await this.Api.ListVersionsAsync(id)).Single().PdfSha256!;

        // Genuinely signed (with the host's key), for the right letter, version, step and person, but another PDF.
        var tokens = fixture.Host.LinkTokens();
        Assert.Equal(Circulation.Approval.LinkTokenStatus.Valid, tokens.Check(CirculationClient.TokenOf(link), out var genuine));
        Assert.Equal(sha256, genuine!.RenditionSha256);
        string stale = Uri.EscapeDataString(tokens.Issue(genuine with { RenditionSha256 = new string('0', 64) }));
        foreach (var refused in new[]
        {
            await approver.GetAsync($"approve?token={stale}"),
            await approver.GetAsync($"approve/pdf?token={stale}"),
            await approver.PostFormAsync("approve", ("token", Uri.UnescapeDataString(stale)), ("decision", "Approve"), ("comment", "")),
        })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("This link is for a different PDF", refused.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<form", refused.Body, StringComparison.Ordinal);
        }

        await AssertWaitingForApproverAsync(id, step: 1, decisions: 0);
        Assert.Empty(await this.LinkUsesAsync(id));

        // The genuine page shows the hash and frames the PDF it serves: the version's archived PDF, framable by our pages only.
        var page = await approver.GetAsync(link);
        Assert.Contains($"Rendition SHA-256: <code class=\"rendition-sha\">{sha256}</code>", page.Body, StringComparison.Ordinal);
        string pdfPath = $"approve/pdf?token={Uri.EscapeDataString(CirculationClient.TokenOf(link))}";
        Assert.Contains($"<iframe class=\"rendition-pdf\" src=\"/{System.Net.WebUtility.HtmlEncode(pdfPath)}\"", page.Body, StringComparison.Ordinal);
        var (status, type, pdf) = await approver.GetBytesAsync(pdfPath);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (status, type));
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var headers = await approver.HeadersAsync(pdfPath);
        Assert.Equal("SAMEORIGIN", headers.Get("X-Frame-Options"));
        Assert.Contains("frame-ancestors 'self'", headers.Get("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await this.Api.GetBytesAsync(pdfPath)).Status);

        // The decision, the API's approvals and its timeline name the rendition approved.
        await this.Api.ApproveAsync(link);
        var letter = await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        Assert.Equal(sha256, Assert.Single(letter.GetProperty("approvals").EnumerateArray()).GetProperty("renditionSha256").GetString());
        var decided = Assert.Single(letter.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Decided");
        Assert.Equal(sha256, decided.GetProperty("renditionSha256").GetString());

        // The signatory is shown the same rendition.
        var signLink = await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestLetters.Signatory(tag));
        var signPage = await this.Api.As(TestLetters.Signatory(tag)).GetAsync(signLink);
        Assert.Contains($"Rendition SHA-256: <code class=\"rendition-sha\">{sha256}</code>", signPage.Body, StringComparison.Ordinal);
        Assert.Contains("Convenience view; the PDF above is what you sign", signPage.Body, StringComparison.Ordinal);
        var signed = await this.Api.As(TestLetters.Signatory(tag)).GetBytesAsync($"sign/pdf?token={Uri.EscapeDataString(CirculationClient.TokenOf(signLink))}");
        Assert.Equal(sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(signed.Bytes)));
    }

    private async Task<(string Tag, string Id, Uri Link)> NewLetterAwaitingApproverAsync(int approvers)
    {
        string tag = TestLetters.NewTag("Link");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));

        // The request mail leaves before the read model records the stage: the tests start from a letter the API shows waiting.
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromMinutes(1));
        return (tag, id, link);
    }

    private async Task AssertWaitingForApproverAsync(string id, int step, int decisions)
    {
        var letter = await this.Api.WaitForPendingAsync(id, "Approval", step, TimeSpan.FromSeconds(30));
        Assert.Equal("AwaitingApproval", letter.GetProperty("stage").GetString());
        Assert.Equal(decisions, letter.GetProperty("approvals").GetArrayLength());
    }

    private async Task<IReadOnlyList<string>> LinkUsesAsync(string id) =>
        [.. (await this.Api.GetArchiveAsync(id)).Where(f => f.Name.StartsWith("links/", StringComparison.Ordinal)).Select(f => f.Name)];

    private static string Flip(string token, int index) =>
        string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));
}
