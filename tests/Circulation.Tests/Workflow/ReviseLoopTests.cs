using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Workflow;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>Drafts, revisions and the revise loop on the in-memory Durable test host (real Azurite and smtp4dev).</summary>
public sealed class ReviseLoopTests : IClassFixture<CirculationWorkflowFixture>
{
    private const string OriginalSentence = "I have the honour to inform you that the informal consultations will resume in the coming weeks.";
    private const string RevisedSentence = "I have the honour to inform you that the informal consultations will resume on 12 March, as requested in resolution 78/1.";
    private static readonly TimeSpan LongLinkLifetime = TimeSpan.FromHours(1);

    private readonly CirculationWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public ReviseLoopTests(CirculationWorkflowFixture host) => this.host = host;

    private string Subject => $"Revise loop {this.tag}: revitalization of the work of the General Assembly";

    private string Approver(int number) => $"approver{number}.{this.tag}@un.example";

    private LetterDraft Draft(int approvers, string sentence = OriginalSentence) => new(
        this.Subject,
        new DateOnly(2026, 11, 25),
        sentence,
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        [.. Enumerable.Range(1, approvers).Select(this.Approver)],
        MissionDirectory.PermanentRepresentativesListId,
        $"drafter.{this.tag}@un.example");

    private async Task<IReadOnlyList<string>> ApprovalRequestTextsToAsync(string approver, int count)
    {
        var requests = (await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", count)).Where(m => m.To.Contains(approver)).ToList();
        return await Task.WhenAll(requests.Select(m => this.host.Mail.PlainTextAsync(m.Id)));
    }

    [Fact]
    public async Task CirculateLetter_ChangesRequestedThenRevisedAndResubmitted_RestartsFromFirstApproverAndDistributesOnlyTheNewVersion()
    {
        var original = this.Draft(approvers: 2);
        var revised = this.Draft(approvers: 2, RevisedSentence);
        string id = await this.host.StartAsync(original, LongLinkLifetime);

        // Round 1 (version 1): approver 1 approves, approver 2 asks for changes.
        var round1First = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await this.host.ActAsync(id, round1First.Pending!, ApprovalDecision.Approve);
        var round1Second = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1);
        await this.host.ActAsync(id, round1Second.Pending!, ApprovalDecision.RequestChanges, "Give the date of the first meeting.");
        await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 1);

        // The drafter stores version 2, then submits it.
        await this.host.ReviseAsync(id, 2, revised);
        var drafting = await this.host.WaitForStageAsync(id, LetterStage.Drafting, 2);
        Assert.Equal("Give the date of the first meeting.", drafting.Note);
        Assert.Null(drafting.SubmittedAt);
        await this.host.SubmitAsync(id, 2, revised);

        // Round 2 starts again from approver 1, with a new link; round 1's links no longer act.
        var round2First = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal(2, round2First.Version);
        Assert.Empty(round2First.Approvals);
        Assert.NotEqual(round1First.Pending!.TokenId, round2First.Pending!.TokenId);
        var earlier = Assert.Single(round2First.EarlierRounds!);
        Assert.Equal((1, 2), (earlier.Version, earlier.Approvals.Count));
        await this.host.ActAsync(id, round1Second.Pending!.TokenId, ApprovalDecision.Reject, "An old link.");
        await this.host.ActAsync(id, round1First.Pending.TokenId, ApprovalDecision.Reject, "An old link.");
        var afterOldLinks = await this.host.ReadProgressAsync(id);
        Assert.Equal(round2First.Pending.TokenId, afterOldLinks?.Pending?.TokenId);
        Assert.Empty(afterOldLinks!.Approvals);

        await this.host.ActAsync(id, round2First.Pending, ApprovalDecision.Approve);
        var round2Second = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1);
        await this.host.ActAsync(id, round2Second.Pending!, ApprovalDecision.Approve);
        var signature = await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        await this.host.ActAsync(id, signature.Pending!, ApprovalDecision.Approve);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal(2, progress.Version);
        Assert.Equal((193, 193, 0), (progress.Deliveries.Total, progress.Deliveries.Sent, progress.Deliveries.Failed));
        Assert.Equal([ApprovalDecision.Approve, ApprovalDecision.Approve], progress.Approvals.Select(a => a.Decision));

        // The archive keeps both versions and both rounds; the signature and the signed PDF are version 2's.
        var names = (await this.host.ArchivedNamesAsync(id)).ToHashSet();
        Assert.Subset(names, new HashSet<string>
        {
            "versions/v001.json", "versions/v001.pdf", "versions/v002.json", "versions/v002.pdf",
            "approvals/v001-step1.json", "approvals/v001-step2.json", "approvals/v002-step1.json", "approvals/v002-step2.json",
            "signature/v002.json", "signed.pdf", "manifest.json",
        });
        Assert.DoesNotContain("signature/v001.json", names);
        byte[] signed = (await this.host.Archive.ReadAsync(id, ArchivePaths.SignedPdf, CancellationToken.None))!;
        string text = PdfText(signed);
        Assert.Contains("12 March, as requested in resolution 78/1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("in the coming weeks", text, StringComparison.Ordinal);
        var manifest = ArchiveJson.FromBytes<LetterManifest>((await this.host.Archive.ReadAsync(id, ArchivePaths.Manifest, CancellationToken.None))!);
        Assert.Equal(2, manifest.Version);
        Assert.Equal("Give the date of the first meeting.", Assert.Single(manifest.EarlierRounds!).Note);

        // Each approver was asked twice; the second request shows what changed since version 1.
        foreach (int n in new[] { 1, 2 })
        {
            var texts = await this.ApprovalRequestTextsToAsync(this.Approver(n), 4);
            Assert.Equal(2, texts.Count);
            string second = Assert.Single(texts, t => t.Contains("version 2", StringComparison.Ordinal));
            Assert.Contains("Changes since version 1", second, StringComparison.Ordinal);
            Assert.Contains("12 March", second, StringComparison.Ordinal);
        }

        // One distribution: each mission got one copy.
        Assert.Equal(193, this.host.MissionCopies(this.Subject).Count);
    }

    [Fact]
    public async Task CirculateLetter_SavedDraft_WaitsForSubmissionThenCirculatesTheSubmittedVersionToItsApprovers()
    {
        var first = this.Draft(approvers: 2);
        string id = await this.host.StartAsync(first, LongLinkLifetime, asDraft: true);
        var draft = await this.host.WaitForStageAsync(id, LetterStage.Drafting, 1);
        Assert.Null(draft.SubmittedAt);

        // Version 2 has one approver only, the second of version 1.
        var second = first with { Body = RevisedSentence, Approvers = [this.Approver(2)] };
        await this.host.ReviseAsync(id, 2, second);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 2);

        await this.host.SubmitAsync(id, 2, second);
        var pending = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        var input = await this.host.WaitForInputAsync(id, i => i.Version == 2);
        Assert.False(input.AwaitSubmission);
        Assert.Equal([this.Approver(2)], input.Approvers);
        Assert.Equal(2, pending.Version);
        Assert.Equal(this.Approver(2), pending.Pending!.Actor);
        Assert.NotNull(pending.SubmittedAt);
        await this.host.ActAsync(id, pending.Pending, ApprovalDecision.Reject, "Not now.");
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Rejected, progress.Stage);
        var requests = await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 1);
        var request = Assert.Single(requests);
        Assert.Equal([this.Approver(2)], request.To);
        string text = await this.host.Mail.PlainTextAsync(request.Id);
        Assert.Contains("version 2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes since", text, StringComparison.Ordinal);
        Assert.Contains(ArchivePaths.Manifest, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task CirculateLetter_StaleAndRepeatedDraftEvents_AreIgnored()
    {
        var first = this.Draft(approvers: 1);
        var second = first with { Body = RevisedSentence };
        string id = await this.host.StartAsync(first, LongLinkLifetime, asDraft: true);
        await this.host.ReviseAsync(id, 2, second);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 2);

        await this.host.RaiseDraftChangeAsync(id, DraftChangeKind.Revised, 2, second);
        await this.host.RaiseDraftChangeAsync(id, DraftChangeKind.Revised, 1, first);
        await this.host.RaiseDraftChangeAsync(id, DraftChangeKind.Submitted, 1, first);
        await this.host.SubmitAsync(id, 2, second);
        await this.host.SubmitAsync(id, 2, second);

        var pending = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal(2, pending.Version);
        await this.host.ActAsync(id, pending.Pending!, ApprovalDecision.RequestChanges, "One more thing.");
        var changes = await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 2);

        // The repeated submission of version 2 may have waited in the buffer; after changes were requested it no longer applies.
        await this.host.SubmitAsync(id, 2, second);
        var third = first with { Body = "A third text." };
        await this.host.ReviseAsync(id, 3, third);
        var drafting = await this.host.WaitForStageAsync(id, LetterStage.Drafting, 3);
        Assert.Equal(2, Assert.Single(drafting.EarlierRounds!).Version);
        Assert.Equal("One more thing.", changes.Note);
        Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 1));
    }

    [Fact]
    public async Task CirculateLetter_RevisedAndSubmittedBackToBack_CirculatesTheSubmittedVersionEvenRightAfterChangesWereRequested()
    {
        var first = this.Draft(approvers: 1);
        string id = await this.host.StartAsync(first, LongLinkLifetime, asDraft: true);

        // Raised without waiting in between: both events may arrive in one batch.
        var second = first with { Body = RevisedSentence };
        await this.host.ReviseAsync(id, 2, second);
        await this.host.SubmitAsync(id, 2, second);
        var pending = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal(2, pending.Version);
        await this.host.ActAsync(id, pending.Pending!, ApprovalDecision.RequestChanges, "Shorter.");

        // As soon as the status says "changes requested" (the drafter may still be being told), revise and submit again.
        await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 2);
        var third = first with { Body = "Shorter." };
        await this.host.ReviseAsync(id, 3, third);
        await this.host.SubmitAsync(id, 3, third);

        var again = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal(3, again.Version);
        Assert.Equal(2, Assert.Single(again.EarlierRounds!).Version);
        await this.host.ActAsync(id, again.Pending!, ApprovalDecision.Reject, "No.");
        Assert.Equal(LetterStage.Rejected, (await this.host.WaitForEndAsync(id)).Stage);
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        string text = string.Join(" ", document.GetPages().Select(page => ContentOrderTextExtractor.GetText(page)));
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
    }
}
