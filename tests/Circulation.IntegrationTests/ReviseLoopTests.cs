using System.Net;
using System.Security.Cryptography;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// The revise loop over HTTP and e-mail: changes are requested, the drafter edits and resubmits, the old links stop
/// working, approval restarts from the first approver, and only the edited version reaches the missions.
/// </summary>
[Collection(Collections.Revise)]
public sealed class ReviseLoopTests(ReviseHostFixture fixture)
{
    private const string EditedSentence = "The co-facilitators will circulate a zero draft of the resolution on 5 March, two weeks before the first meeting.";

    [Fact]
    public async Task ChangesRequested_EditedAndResubmitted_OldLinksRefused_NewLinksApprove_MissionsGetOnlyTheEditedVersion()
    {
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("Rev");
        string subject = TestLetters.Subject(tag);
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);
        var letter = TestLetters.Valid(tag, approvers: 2);
        string id = await api.CreateLetterAsync(letter);

        // Round 1 (version 1): approver 1 approves, approver 2 asks for changes.
        var (_, oldFirst) = await mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1), 1);
        await api.ApproveAsync(oldFirst);
        var (_, oldSecond) = await mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 2), 1);
        var asked = await api.SubmitLinkFormAsync(oldSecond, ("decision", "RequestChanges"), ("comment", "Give the date of the zero draft."));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        var changesRequested = await api.WaitForStageAsync(id, "ChangesRequested", TimeSpan.FromSeconds(60));
        Assert.True(changesRequested.GetProperty("editable").GetBoolean());
        Assert.Equal("Running", changesRequested.GetProperty("workflow").GetString());
        await mail.WaitForAsync($"Changes requested: {subject}", TestLetters.Drafter(tag));

        // Resubmitting unchanged is refused; the drafter edits the second paragraph and resubmits.
        var unchanged = await api.SubmitLetterAsync(id);
        Assert.Equal(HttpStatusCode.Conflict, unchanged.Status);
        Assert.Contains("Edit the letter", unchanged.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        letter["body"] = string.Join("\n\n", TestLetters.BodySentences[0], EditedSentence, TestLetters.BodySentences[2]);
        var edited = await api.UpdateLetterAsync(id, letter, basedOn: 1);
        Assert.True(edited.Status == HttpStatusCode.OK, $"PUT answered {(int)edited.Status}: {edited.Body}");
        Assert.Equal(2, edited.Json.GetProperty("version").GetInt32());
        await api.WaitForVersionAsync(id, "Drafting", 2);

        // An old link, used or not, shows a clear page and changes nothing.
        var archiveBefore = await api.GetArchiveAsync(id);
        foreach (var (old, holder) in new[] { (oldFirst, TestLetters.Approver(tag, 1)), (oldSecond, TestLetters.Approver(tag, 2)) })
        {
            var page = await api.GetAsync(old);
            Assert.Equal(HttpStatusCode.Gone, page.Status);
            Assert.Contains("This link is for an earlier version", page.Body, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed.", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<form", page.Body, StringComparison.Ordinal);
            var post = await api.As(holder).PostFormAsync("approve", ("token", CirculationClient.TokenOf(old)), ("decision", "Reject"), ("comment", "Old link."));
            Assert.Equal(HttpStatusCode.Gone, post.Status);
        }

        Assert.Equal(archiveBefore, await api.GetArchiveAsync(id));
        var submitted = await api.SubmitLetterAsync(id, basedOn: 2);
        Assert.True(submitted.Status == HttpStatusCode.Accepted, $"Submit answered {(int)submitted.Status}: {submitted.Body}");

        // Round 2 (version 2) starts again from approver 1, with a new link whose page shows what changed.
        var (firstMail, newFirst) = await mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1), 2);
        Assert.Contains("version 2", firstMail, StringComparison.Ordinal);
        Assert.Contains("Changes since version 1, which you last saw", firstMail, StringComparison.Ordinal);
        Assert.Contains("{+", firstMail, StringComparison.Ordinal);
        var waiting = await api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromSeconds(60));
        Assert.Equal(2, waiting.GetProperty("version").GetInt32());
        Assert.Equal(1, waiting.GetProperty("waitingFor").GetProperty("step").GetInt32());
        Assert.Empty(waiting.GetProperty("approvals").EnumerateArray());
        var newPage = await api.GetAsync(newFirst);
        Assert.Equal(HttpStatusCode.OK, newPage.Status);
        Assert.Contains("Changes since version 1, which you last saw", newPage.Body, StringComparison.Ordinal);
        Assert.Contains("<ins", newPage.Body, StringComparison.Ordinal);
        Assert.Contains("5 March,", newPage.Body, StringComparison.Ordinal);

        // The old links are still refused while round 2 waits on the new one.
        var stale = await api.As(TestLetters.Approver(tag, 2)).PostFormAsync("approve", ("token", CirculationClient.TokenOf(oldSecond)), ("decision", "Approve"), ("comment", ""));
        Assert.Equal(HttpStatusCode.Gone, stale.Status);
        await api.ApproveAsync(newFirst);
        var (_, newSecond) = await mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 2), 2);
        await api.ApproveAsync(newSecond);
        var signLink = await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag));
        await api.SignAsync(signLink);
        var distributed = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);
        Assert.Equal(2, distributed.GetProperty("version").GetInt32());
        Assert.Equal(missions.Count, distributed.GetProperty("deliveries").GetProperty("sent").GetInt32());
        Assert.Equal(1, distributed.GetProperty("earlierRounds").GetArrayLength());

        // Every mission got exactly one copy, carrying the signed PDF of version 2: the edited body, not the old one.
        var archive = await api.GetArchiveAsync(id);
        var signed = Assert.Single(archive, f => f.Name == "signed.pdf");
        Assert.Contains(archive, f => f.Name == "signature/v002.json");
        Assert.DoesNotContain(archive, f => f.Name == "signature/v001.json");
        var copies = await MailAssertions.AssertEachMissionGotExactlyOneAsync(mail, tag, subject, missions);
        byte[] attachment = await MailAssertions.AssertEveryCopyCarriesThePdfAsync(mail, copies, id, signed.Sha256);
        string text = MailAssertions.PdfText(attachment);
        Assert.Contains(EditedSentence, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestLetters.BodySentences[1], text, StringComparison.Ordinal);

        // Both versions stay archived, each with its own PDF.
        var versions = await api.ListVersionsAsync(id);
        Assert.Equal([(1, true), (2, true)], versions.Select(v => (v.Version, v.Submitted)));
        var (status, contentType, v1) = await api.GetBytesAsync($"api/letters/{id}/versions/1/pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (status, contentType));
        Assert.Equal(versions[0].PdfSha256, Convert.ToHexStringLower(SHA256.HashData(v1)));
        Assert.Contains(TestLetters.BodySentences[1], MailAssertions.PdfText(v1), StringComparison.Ordinal);
    }
}
