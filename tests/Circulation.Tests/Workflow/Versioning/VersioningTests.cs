using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Xunit;

namespace Circulation.Tests.Workflow.Versioning;

/// <summary>
/// A release that changes the workflow does not change a letter in flight. Letters are started on a test-only version
/// older than the baseline (<see cref="UpgradedCirculateLetter.OlderVersion"/>, which sends no distribution report) and
/// left waiting for approval, waiting for signature, and as a draft; then the release is deployed (new code, new default
/// version). Every older letter finishes on the path it started on, also across a submission (ContinueAsNew) after the
/// upgrade, and a letter started after the upgrade takes the new path.
/// </summary>
public sealed class VersioningTests(VersioningWorkflowFixture host) : IClassFixture<VersioningWorkflowFixture>
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task LettersStartedOnAnOlderVersionFinishOnItAfterAnUpgrade_NewLettersTakeTheNewPath()
    {
        // Before the upgrade: one letter waits for its approver, one for its signatory, one is a draft.
        var inApproval = this.Draft("in approval");
        string inApprovalId = await host.StartAsync(inApproval, LinkLifetime);
        await host.WaitForPendingAsync(inApprovalId, LinkPurpose.Approval, 0);

        var inSignature = this.Draft("in signature");
        string inSignatureId = await host.StartAsync(inSignature, LinkLifetime);
        await this.ApproveAsync(inSignatureId);
        await host.WaitForPendingAsync(inSignatureId, LinkPurpose.Signature, 0);

        var drafted = this.Draft("drafted");
        string draftedId = await host.StartAsync(drafted, LinkLifetime, asDraft: true);
        await host.WaitForStageAsync(draftedId, LetterStage.Drafting, 1);

        host.Upgrade();

        var afterUpgrade = this.Draft("after the upgrade");
        string afterUpgradeId = await host.StartAsync(afterUpgrade, LinkLifetime, asDraft: true);
        await host.WaitForStageAsync(afterUpgradeId, LetterStage.Drafting, 1);
        await host.SubmitAsync(afterUpgradeId, 1, afterUpgrade);
        await host.SubmitAsync(draftedId, 1, drafted);

        await this.ApproveAsync(inApprovalId);
        await this.ApproveAsync(draftedId);
        await this.ApproveAsync(afterUpgradeId);
        foreach (string id in new[] { inApprovalId, inSignatureId, draftedId, afterUpgradeId })
        {
            var signature = await host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
            await host.ActAsync(id, signature.Pending!, ApprovalDecision.Approve);
        }

        int missions = host.Missions.MembersOf(MissionDirectory.PermanentRepresentativesListId).Count;
        foreach (string id in new[] { inApprovalId, inSignatureId, draftedId, afterUpgradeId })
        {
            var done = await host.WaitForEndAsync(id);
            Assert.Equal((LetterStage.Distributed, missions, 0), (done.Stage, done.Deliveries.Sent, done.Deliveries.Failed));
        }

        // The new letter took the new path: its drafter and its signatory were each sent the report. The older ones did
        // not: their workflows completed, and the report would have been sent before that.
        Assert.Equal([afterUpgrade.Drafter, afterUpgrade.Signatory.Email], this.ReportRecipients(afterUpgrade));
        Assert.All(new[] { inApproval, inSignature, drafted }, older => Assert.Empty(this.ReportRecipients(older)));
    }

    /// <summary>Who was sent the distribution report of <paramref name="letter"/>, in order.</summary>
    private string[] ReportRecipients(LetterDraft letter) =>
        [.. new[] { letter.Drafter, letter.Signatory.Email }
            .Where(to => host.Smtp.AcceptedFor(to).Any(m => m.Parse().Subject == $"Circulated: {letter.Subject}"))];

    private async Task ApproveAsync(string id)
    {
        var approval = await host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await host.ActAsync(id, approval.Pending!, ApprovalDecision.Approve);
    }

    private LetterDraft Draft(string what) => new(
        $"Versioning test {this.tag}: a letter {what}",
        DateOnly.FromDateTime(DateTime.UtcNow),
        "I have the honour to inform you that the informal consultations will resume in the coming weeks.",
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        [$"approver.{this.tag}@un.example"],
        MissionDirectory.PermanentRepresentativesListId,
        $"drafter.{this.tag}@un.example");
}
