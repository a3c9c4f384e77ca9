using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// Drafts over HTTP: save without starting approval, edit (each edit a new immutable version), submit; the versions
/// and their PDFs; refusals (wrong stage, stale or concurrent edits, second submissions) that store nothing; preview.
/// </summary>
[Collection(Collections.Drafts)]
public sealed class DraftTests(DraftHostFixture fixture)
{
    private CirculationClient Api => fixture.Api;

    [Fact]
    public async Task Draft_SavedEditedTwiceAndSubmitted_GoesToApprovalAsTheLastVersionOnly()
    {
        string tag = TestLetters.NewTag("Draft");
        string subject = TestLetters.Subject(tag);
        var letter = TestLetters.Valid(tag, approvers: 1);
        string id = await this.Api.CreateDraftAsync(letter);

        var draft = await this.Api.WaitForVersionAsync(id, "Drafting", 1);
        Assert.True(draft.GetProperty("editable").GetBoolean());
        Assert.False(draft.TryGetProperty("waitingFor", out _));

        letter["subject"] = $"{subject} (second draft)";
        var second = await this.Api.UpdateLetterAsync(id, letter, basedOn: 1);
        Assert.True(second.Status == HttpStatusCode.OK, $"PUT answered {(int)second.Status}: {second.Body}");
        Assert.Equal(2, second.Json.GetProperty("version").GetInt32());

        letter["subject"] = subject;
        letter["body"] = "I have the honour to transmit the final text.";
        letter["approvers"] = new[] { TestLetters.Approver(tag, 2) };
        var third = await this.Api.UpdateLetterAsync(id, letter, basedOn: 2);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        var drafting = await this.Api.WaitForVersionAsync(id, "Drafting", 3);
        Assert.Equal([TestLetters.Approver(tag, 2)], drafting.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));

        // Every version is kept, with its own JSON and PDF.
        var versions = await this.Api.ListVersionsAsync(id);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal([subject, $"{subject} (second draft)", subject], versions.Select(v => v.Subject));
        Assert.All(versions, v => Assert.False(v.Submitted));
        Assert.Equal(3, versions.Select(v => v.PdfSha256).Distinct().Count());
        var v2 = await this.Api.GetAsync($"api/letters/{id}/versions/2");
        Assert.Equal(HttpStatusCode.OK, v2.Status);
        Assert.Equal($"{subject} (second draft)", v2.Json.GetProperty("subject").GetString());
        Assert.Equal(string.Join("\n\n", TestLetters.BodySentences), v2.Json.GetProperty("body").GetString());
        var (status, contentType, pdf) = await this.Api.GetBytesAsync($"api/letters/{id}/versions/3/pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (status, contentType));
        Assert.Equal(versions[2].PdfSha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
        Assert.Contains("I have the honour to transmit the final text.", MailAssertions.PdfText(pdf), StringComparison.Ordinal);

        var submitted = await this.Api.SubmitLetterAsync(id, basedOn: 3);
        Assert.True(submitted.Status == HttpStatusCode.Accepted, $"Submit answered {(int)submitted.Status}: {submitted.Body}");
        Assert.Equal(3, submitted.Json.GetProperty("version").GetInt32());

        var (text, _) = await fixture.Mail.WaitForNthLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 2), 1);
        Assert.Contains($"{id}, version 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes since", text, StringComparison.Ordinal);
        var awaiting = await this.Api.WaitForVersionAsync(id, "AwaitingApproval", 3);
        Assert.False(awaiting.GetProperty("editable").GetBoolean());

        // Only version 3 went out: approver 1 (of versions 1 and 2) was never asked, nor for the draft subject.
        Assert.DoesNotContain(await fixture.Mail.ListAsync(tag), m => m.To.Contains(TestLetters.Approver(tag, 1)));
        Assert.Equal([false, false, true], (await this.Api.ListVersionsAsync(id)).Select(v => v.Submitted));
    }

    [Fact]
    public async Task Submit_Twice_SecondIs409_AndNothingMoreIsStored()
    {
        string id = await this.Api.CreateDraftAsync(TestLetters.Valid(TestLetters.NewTag("Twice")));
        var first = await this.Api.SubmitLetterAsync(id);
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        var archive = await this.Api.GetArchiveAsync(id);

        var second = await this.Api.SubmitLetterAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Contains("submitted", second.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await this.Api.WaitForVersionAsync(id, "AwaitingApproval", 1);
        var third = await this.Api.SubmitLetterAsync(id);
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Contains("awaiting approval", third.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(archive, await this.Api.GetArchiveAsync(id));
    }

    [Fact]
    public async Task Edit_WhileAwaitingApprovalSignatureOrAfterRejection_Is409WithAReason_AndStoresNothing()
    {
        string tag = TestLetters.NewTag("Stage");
        var letter = TestLetters.Valid(tag, approvers: 1);
        string id = await this.Api.CreateLetterAsync(letter);
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromSeconds(60));
        await this.AssertEditRefusedAsync(id, letter, "awaiting approval");

        await this.Api.ApproveAsync(link);
        await this.Api.WaitForStageAsync(id, "AwaitingSignature", TimeSpan.FromSeconds(60));
        await this.AssertEditRefusedAsync(id, letter, "awaits signature");

        string rejectedTag = TestLetters.NewTag("Stage");
        var rejectedLetter = TestLetters.Valid(rejectedTag, approvers: 1);
        string rejected = await this.Api.CreateLetterAsync(rejectedLetter);
        var rejectLink = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(rejectedTag)}", TestLetters.Approver(rejectedTag, 1));
        await this.Api.SubmitLinkFormAsync(rejectLink, ("decision", "Reject"), ("comment", "Not this year."), ("confirm", "yes"));
        await this.Api.WaitForStageAsync(rejected, "Rejected", TimeSpan.FromSeconds(60), completed: true);
        await this.AssertEditRefusedAsync(rejected, rejectedLetter, "rejected");
        var submit = await this.Api.SubmitLetterAsync(rejected);
        Assert.Equal(HttpStatusCode.Conflict, submit.Status);
    }

    [Fact]
    public async Task Edit_BasedOnAnOlderVersion_Is409EditedConcurrently_AndStoresNothing()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Stale"));
        string id = await this.Api.CreateDraftAsync(letter);
        Assert.Equal(HttpStatusCode.OK, (await this.Api.UpdateLetterAsync(id, letter, basedOn: 1)).Status);
        var archive = await this.Api.GetArchiveAsync(id);

        letter["body"] = "An edit made on a stale copy.";
        var stale = await this.Api.UpdateLetterAsync(id, letter, basedOn: 1);
        var staleSubmit = await this.Api.SubmitLetterAsync(id, basedOn: 1);

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("edited concurrently", stale.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("reload", stale.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, staleSubmit.Status);
        Assert.Equal(archive, await this.Api.GetArchiveAsync(id));
    }

    [Fact]
    public async Task ConcurrentEdits_OfTheSameVersion_ExactlyOneIsStored_AndNoVersionIsOverwritten()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Race"));
        string id = await this.Api.CreateDraftAsync(letter);
        string[] bodies = [.. Enumerable.Range(1, 4).Select(n => $"Edit number {n} of the same version.")];

        var answers = await Task.WhenAll(bodies.Select(body =>
        {
            var copy = new Dictionary<string, object?>(letter, StringComparer.Ordinal) { ["body"] = body };
            return this.Api.UpdateLetterAsync(id, copy, basedOn: 1);
        }));

        var winner = Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a != winner), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Contains("edited concurrently", a.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal([1, 2], (await this.Api.ListVersionsAsync(id)).Select(v => v.Version));
        string stored = (await this.Api.GetAsync($"api/letters/{id}/versions/2")).Json.GetProperty("body").GetString()!;
        Assert.Equal(bodies[Array.IndexOf(answers, winner)], stored);
    }

    [Fact]
    public async Task EditAndSubmitAtOnce_AtMostOneSucceeds_AndWhatIsStoredAgreesWithTheAnswers()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("EditSubmit"));
        string id = await this.Api.CreateDraftAsync(letter);
        letter["body"] = "Edited while being submitted.";

        var editing = this.Api.UpdateLetterAsync(id, letter);
        var submitting = this.Api.SubmitLetterAsync(id);
        await Task.WhenAll(editing, submitting);
        var edit = await editing;
        var submit = await submitting;

        // Either order is legitimate (an edit then a submission of the edit, or a submission that refuses the edit), and
        // when both see each other both are refused; never is a submitted version 1 superseded by an edit.
        var versions = await this.Api.ListVersionsAsync(id);
        Assert.Equal(edit.Status == HttpStatusCode.OK ? [1, 2] : [1], versions.Select(v => v.Version));
        Assert.True(edit.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"The edit answered {edit.Status}: {edit.Body}");
        Assert.True(submit.Status is HttpStatusCode.Accepted or HttpStatusCode.Conflict, $"The submission answered {submit.Status}: {submit.Body}");
        if (submit.Status == HttpStatusCode.Accepted)
        {
            int submittedVersion = submit.Json.GetProperty("version").GetInt32();
            Assert.Equal(versions[^1].Version, submittedVersion);
            Assert.Equal([submittedVersion], versions.Where(v => v.Submitted).Select(v => v.Version));
            await this.Api.WaitForVersionAsync(id, "AwaitingApproval", submittedVersion);
        }
        else
        {
            Assert.All(versions, v => Assert.False(v.Submitted));
        }
    }

    [Fact]
    public async Task Edit_WithBadFieldOrUnknownLetter_IsRefused_AndStoresNothing()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("BadEdit"));
        string id = await this.Api.CreateDraftAsync(letter);
        var archive = await this.Api.GetArchiveAsync(id);

        letter["approvers"] = new[] { "not-an-address" };
        var bad = await this.Api.UpdateLetterAsync(id, letter);
        var notJson = await this.Api.SendJsonAsync(HttpMethod.Put, $"api/letters/{id}", "subject=x", contentType: "application/x-www-form-urlencoded");
        var badIfMatch = await this.Api.SendJsonAsync(HttpMethod.Put, $"api/letters/{id}", JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("BadEdit"))), "\"latest\"");
        var unknown = await this.Api.UpdateLetterAsync("L20261125-103512-7K2QX9", TestLetters.Valid(TestLetters.NewTag("BadEdit")));
        var notAnId = await this.Api.UpdateLetterAsync("not-a-letter", TestLetters.Valid(TestLetters.NewTag("BadEdit")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("approvers[0]", Assert.Single(bad.Json.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badIfMatch.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.Status);
        Assert.Equal(archive, await this.Api.GetArchiveAsync(id));
        Assert.Equal([1], (await this.Api.ListVersionsAsync(id)).Select(v => v.Version));
    }

    [Fact]
    public async Task Versions_UnknownOrMalformed_Are404Or400()
    {
        string id = await this.Api.CreateDraftAsync(TestLetters.Valid(TestLetters.NewTag("Ver")));

        Assert.Equal(HttpStatusCode.NotFound, (await this.Api.GetAsync($"api/letters/{id}/versions/9")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await this.Api.GetBytesAsync($"api/letters/{id}/versions/9/pdf")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await this.Api.GetAsync($"api/letters/{id}/versions/one")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await this.Api.GetAsync("api/letters/L20261125-103512-7K2QX9/versions")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await this.Api.GetAsync("api/letters/L20261125-103512-7K2QX9/versions/1")).Status);
        Assert.Equal(HttpStatusCode.OK, (await this.Api.GetAsync($"api/letters/{id}/versions/1")).Status);
    }

    [Fact]
    public async Task Preview_ValidLetter_ReturnsThePdf_BadLetterReturns400_AndNothingIsStored()
    {
        string tag = TestLetters.NewTag("Preview");
        var lettersBefore = await this.Api.ListLetterIdsAsync();
        var blobsBefore = await fixture.BlobNamesAsync();

        var (status, contentType, pdf) = await this.Api.PreviewAsync(JsonSerializer.Serialize(TestLetters.Valid(tag)));
        var invalid = TestLetters.Valid(tag);
        invalid.Remove("subject");
        var (badStatus, badType, badBody) = await this.Api.PreviewAsync(JsonSerializer.Serialize(invalid));
        var (notJson, _, _) = await this.Api.PreviewAsync("subject=x", "text/plain");

        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (status, contentType));
        string text = MailAssertions.PdfText(pdf);
        Assert.Contains(TestLetters.BodySentences[0], text, StringComparison.Ordinal);
        Assert.Contains("DRAFT", text, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (badStatus, badType));
        using (var errors = JsonDocument.Parse(badBody))
        {
            Assert.Equal("subject", Assert.Single(errors.RootElement.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        }

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson);
        Assert.Equal(lettersBefore, await this.Api.ListLetterIdsAsync());
        Assert.Equal(blobsBefore, await fixture.BlobNamesAsync());
    }

    private async Task AssertEditRefusedAsync(string id, Dictionary<string, object?> letter, string reason)
    {
        var archive = await this.Api.GetArchiveAsync(id);
        var edited = new Dictionary<string, object?>(letter, StringComparer.Ordinal) { ["body"] = "An edit that must not be stored." };

        var answer = await this.Api.UpdateLetterAsync(id, edited);

        Assert.Equal(HttpStatusCode.Conflict, answer.Status);
        Assert.Contains(reason, answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(archive, await this.Api.GetArchiveAsync(id));
        Assert.DoesNotContain(await this.Api.ListVersionsAsync(id), v => v.Version > 1);
    }
}
