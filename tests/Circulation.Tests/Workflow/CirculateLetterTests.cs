using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Signature;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Workflow;

public sealed class CirculateLetterTests : IClassFixture<CirculationWorkflowFixture>
{
    private static readonly TimeSpan LongLinkLifetime = TimeSpan.FromHours(1);

    private readonly CirculationWorkflowFixture host;

    // Unique per test: subject and addresses tell this test's messages apart from every other test's in smtp4dev.
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public CirculateLetterTests(CirculationWorkflowFixture host) => this.host = host;

    private string Subject => $"Workflow test {this.tag}: revitalization of the work of the General Assembly";

    private string Drafter => $"drafter.{this.tag}@un.example";

    private string SignatoryEmail => "pga@un.example";

    private string Approver(int number) => $"approver{number}.{this.tag}@un.example";

    private LetterDraft Draft(int approvers) => new(
        this.Subject,
        DateOnly.FromDateTime(DateTime.UtcNow),
        "Excellency,\n\nI have the honour to inform you that the informal consultations will resume in the coming weeks.",
        new Signatory("Amina Rahman", "President of the General Assembly", this.SignatoryEmail),
        [.. Enumerable.Range(1, approvers).Select(this.Approver)],
        MissionDirectory.PermanentRepresentativesListId,
        this.Drafter);

    private async Task<string> DrafterMessageTextAsync(string headline)
    {
        var notices = await this.host.Mail.WaitForSubjectAsync($"{headline}: {this.Subject}", 1);
        var notice = Assert.Single(notices);
        Assert.Equal([this.Drafter], notice.To);
        return await this.host.Mail.PlainTextAsync(notice.Id);
    }

    [Fact]
    public async Task CirculateLetter_TwoApprovalsAndSignature_DistributesToEveryMissionOnTheList()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);

        var first = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal(this.Approver(1), first.Pending!.Actor);
        await this.host.ActAsync(id, first.Pending, ApprovalDecision.Approve, "Fine by me.");
        var second = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1);
        Assert.Equal(this.Approver(2), second.Pending!.Actor);
        await this.host.ActAsync(id, second.Pending, ApprovalDecision.Approve);
        var signature = await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        Assert.Equal(this.SignatoryEmail, signature.Pending!.Actor);
        await this.host.ActAsync(id, signature.Pending, ApprovalDecision.Approve);
        var progress = await this.host.WaitForEndAsync(id);

        var missions = this.host.Missions.MembersOf(MissionDirectory.PermanentRepresentativesListId);
        Assert.Equal(193, missions.Count);
        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal((193, 193, 0), (progress.Deliveries.Total, progress.Deliveries.Sent, progress.Deliveries.Failed));
        Assert.NotNull(progress.SignedAt);
        Assert.Null(progress.Pending);
        Assert.Collection(
            progress.Approvals,
            a => Assert.Equal((0, this.Approver(1), ApprovalDecision.Approve, "Fine by me."), (a.Step, a.Approver, a.Decision, a.Comment)),
            a => Assert.Equal((1, this.Approver(2), ApprovalDecision.Approve, ""), (a.Step, a.Approver, a.Decision, a.Comment)));

        var names = await this.host.ArchivedNamesAsync(id);
        Assert.Subset(
            names.ToHashSet(),
            new HashSet<string>
            {
                "versions/v001.json", "versions/v001.pdf", "approvals/v001-step1.json", "approvals/v001-step2.json",
                "signature/v001.json", "signed.pdf", "manifest.json",
            });
        var attempts = await this.host.Deliveries.ListAsync(id, CancellationToken.None);
        Assert.Equal(missions.Select(m => m.Id).Order(StringComparer.Ordinal), attempts.Select(a => a.MissionId).Order(StringComparer.Ordinal));
        Assert.All(attempts, a => Assert.Equal((DeliveryRecords.FirstAttempt, DeliveryState.Sent), (a.Key, a.State)));
        byte[]? manifestJson = await this.host.Archive.ReadAsync(id, ArchivePaths.Manifest, CancellationToken.None);
        Assert.NotNull(manifestJson);
        var manifest = ArchiveJson.FromBytes<LetterManifest>(manifestJson);
        Assert.Equal(LetterStage.Distributed, manifest.Stage);
        Assert.Equal(193, manifest.MissionDeliveries.Count(d => d.Sent));

        // The certificate the signed PDF was digitally signed with is recorded with the signature and in the manifest.
        var signatureRecord = ArchiveJson.FromBytes<SignatureRecord>((await this.host.Archive.ReadAsync(id, ArchivePaths.Signature(1), CancellationToken.None))!);
        using var signingFile = TestSigning.SigningCertificate();
        Assert.Equal(signingFile.Thumbprint, signatureRecord.SigningCertificateThumbprint);
        Assert.Equal(signingFile.Thumbprint, manifest.SigningCertificateThumbprint);

        var missionMail = this.host.MissionCopies(this.Subject);
        Assert.All(missionMail, m => Assert.Single(m.To));
        Assert.Equal(
            missions.Select(m => m.Email).Order(StringComparer.OrdinalIgnoreCase),
            missionMail.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
        var approvalRequests = await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 2);
        Assert.Equal([this.Approver(1), this.Approver(2)], approvalRequests.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        var signatureRequest = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For signature: {this.Subject}", 1));
        Assert.Equal([this.SignatoryEmail], signatureRequest.To);
    }

    [Fact]
    public async Task CirculateLetter_ChangesRequestedByFirstApprover_EndsRoundTellsDrafterAndWaitsForARevision()
    {
        const string comment = "Please cite resolution 78/1 in the second paragraph.";
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);

        var first = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await this.host.ActAsync(id, first.Pending!, ApprovalDecision.RequestChanges, comment);
        var progress = await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 1);

        Assert.Equal(comment, progress.Note);
        Assert.False(progress.IsFinal);
        var decision = Assert.Single(progress.Approvals);
        Assert.Equal((0, this.Approver(1), ApprovalDecision.RequestChanges), (decision.Step, decision.Approver, decision.Decision));
        Assert.Contains(comment, await this.DrafterMessageTextAsync("Changes requested"), StringComparison.Ordinal);

        // The drafter was told, and the workflow, instead of ending, now waits for a revised version: resubmitting the
        // same version is ignored, a new version is taken.
        var original = this.Draft(approvers: 2);
        await this.host.SubmitAsync(id, 1, original);
        await this.host.ReviseAsync(id, 2, original with { Body = "Excellency,\n\nI have the honour to cite resolution 78/1." });
        var revised = await this.host.WaitForStageAsync(id, LetterStage.Drafting, 2);
        Assert.Equal(comment, revised.Note);
        var instance = await this.host.Client.GetInstanceAsync(id);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Running, instance?.RuntimeStatus);
        var approvalRequest = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 1));
        Assert.Equal([this.Approver(1)], approvalRequest.To);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"For signature: {this.Subject}"));
        Assert.Empty(this.host.MissionCopies(this.Subject));
        var names = await this.host.ArchivedNamesAsync(id);
        Assert.DoesNotContain(ArchivePaths.Manifest, names);
        Assert.DoesNotContain(ArchivePaths.SignedPdf, names);
    }

    [Fact]
    public async Task CirculateLetter_RejectedBySecondApprover_EndsRejectedAfterFirstApproval()
    {
        const string comment = "This should come from the Secretariat, not the President.";
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);

        var first = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await this.host.ActAsync(id, first.Pending!, ApprovalDecision.Approve);
        var second = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1);
        await this.host.ActAsync(id, second.Pending!, ApprovalDecision.Reject, comment);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Rejected, progress.Stage);
        Assert.Equal(comment, progress.Note);
        Assert.Collection(
            progress.Approvals,
            a => Assert.Equal((0, this.Approver(1), ApprovalDecision.Approve), (a.Step, a.Approver, a.Decision)),
            a => Assert.Equal((1, this.Approver(2), ApprovalDecision.Reject), (a.Step, a.Approver, a.Decision)));
        Assert.Contains(comment, await this.DrafterMessageTextAsync("Rejected"), StringComparison.Ordinal);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"For signature: {this.Subject}"));
        Assert.Empty(this.host.MissionCopies(this.Subject));
    }

    [Fact]
    public async Task CirculateLetter_NobodyActsBeforeApprovalLinkLapses_EndsExpiredAndTellsDrafter()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), TimeSpan.FromSeconds(3));

        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Expired, progress.Stage);
        Assert.Empty(progress.Approvals);
        Assert.Null(progress.Pending);
        Assert.Contains(this.Approver(1), progress.Note, StringComparison.Ordinal);
        Assert.Contains(this.Approver(1), await this.DrafterMessageTextAsync("Approval lapsed"), StringComparison.Ordinal);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"For signature: {this.Subject}"));
    }

    [Fact]
    public async Task CirculateLetter_EventForStaleToken_IsIgnored()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);
        var first = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);

        // A link from another round (another token id) rejects: the letter must not move.
        await this.host.ActAsync(id, Guid.NewGuid().ToString("N"), ApprovalDecision.Reject, "Stale link.");
        var afterStale = await this.host.ReadProgressAsync(id);
        Assert.Equal(LetterStage.AwaitingApproval, afterStale?.Stage);
        Assert.Equal(first.Pending!.TokenId, afterStale?.Pending?.TokenId);
        Assert.Empty(afterStale!.Approvals);

        // The genuine link still works, and only its decision is recorded.
        await this.host.ActAsync(id, first.Pending, ApprovalDecision.RequestChanges, "Genuine comment.");
        var progress = await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 1);

        Assert.Equal("Genuine comment.", progress.Note);
        Assert.Equal(ApprovalDecision.RequestChanges, Assert.Single(progress.Approvals).Decision);
    }
}
