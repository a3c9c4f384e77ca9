using System.Text;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.ReadModel;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>The read model as the workflow writes it, and the small custom status, on the in-memory Durable test host over Azurite.</summary>
public sealed class ReadModelWorkflowTests : IClassFixture<CirculationWorkflowFixture>
{
    private static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);
    private readonly CirculationWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public ReadModelWorkflowTests(CirculationWorkflowFixture host) => this.host = host;

    private string Approver => $"approver.{this.tag}@un.example";

    private LetterDraft Draft(string subject) => new(
        subject,
        new DateOnly(2026, 11, 25),
        "I have the honour to inform you that the informal consultations will resume in the coming weeks.",
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        [this.Approver],
        MissionDirectory.PermanentRepresentativesListId,
        $"drafter.{this.tag}@un.example");

    [Fact]
    public async Task CirculateLetter_SavedDraftRevisedApprovedSignedAndDistributed_RecordsEveryTransitionInTheTimelineAndTheFinalRow()
    {
        var first = this.Draft($"Readmodel {this.tag} provisional agenda");
        var revised = this.Draft($"Readmodel {this.tag} Révision of the programme of work");
        string id = await this.host.StartAsync(first, LinkLifetime, asDraft: true);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 1);
        await this.host.ReviseAsync(id, 2, revised);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 2);
        await this.host.SubmitAsync(id, 2, revised);
        var approval = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        await this.host.ActAsync(id, approval.Pending!, ApprovalDecision.Approve, "Fine as it stands.");
        var signature = await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        await this.host.ActAsync(id, signature.Pending!, ApprovalDecision.Approve, "Signed in New York.");
        var final = await this.host.WaitForEndAsync(id);

        var timeline = await this.host.ReadModel.TimelineAsync(id, CancellationToken.None);
        Assert.Equal(
            [
                LetterEventKind.Created, LetterEventKind.VersionSaved, LetterEventKind.Submitted, LetterEventKind.ApprovalRequested, LetterEventKind.Decided,
                LetterEventKind.SignatureRequested, LetterEventKind.Signed, LetterEventKind.DistributionStarted, LetterEventKind.DistributionFinished,
            ],
            timeline.Select(e => e.Kind));
        Assert.Equal([1, 2, 2, 2, 2, 2, 2, 2, 2], timeline.Select(e => e.Version ?? 0));
        var decided = Assert.Single(timeline, e => e.Kind == LetterEventKind.Decided);
        Assert.Equal((this.Approver, "Approve: Fine as it stands."), (decided.Actor, decided.Text));
        var signed = Assert.Single(timeline, e => e.Kind == LetterEventKind.Signed);
        Assert.Equal(("pga@un.example", "Signed in New York."), (signed.Actor, signed.Text));

        var row = Assert.IsType<LetterEntity>(await this.host.ReadModel.FindAsync(id, CancellationToken.None));
        Assert.Equal((nameof(LetterStage.Distributed), 2, revised.Subject), (row.Stage, row.Version, row.Subject));
        Assert.Equal((final.Deliveries.Total, final.Deliveries.Sent, final.Deliveries.Failed), (row.Total, row.Sent, row.Failed));
        Assert.Equal(final.SignedAt, row.SignedAt);
        Assert.Null(row.PendingKind);
        var approval1 = Assert.Single(LetterHistory.Approvals(timeline, row.Version));
        Assert.Equal((0, this.Approver, ApprovalDecision.Approve, "Fine as it stands."), (approval1.Step, approval1.Approver, approval1.Decision, approval1.Comment));

        // The word index follows the subject: the revised words find it (any case and accents), the dropped ones do not.
        var now = DateTimeOffset.UtcNow;
        var found = await this.host.ReadModel.ListAsync(new LetterQuery(Words: SubjectWords.Of($"{this.tag} REVISION")), now, CancellationToken.None);
        Assert.Equal([id], found.Letters.Select(l => l.LetterId));
        var gone = await this.host.ReadModel.ListAsync(new LetterQuery(Words: SubjectWords.Of($"{this.tag} agenda")), now, CancellationToken.None);
        Assert.Empty(gone.Letters);
    }

    [Fact]
    public async Task CirculateLetter_ManyRoundsOfChangesWithLongComments_KeepsTheCustomStatusUnder2KbWhileTheReadModelKeepsEveryComment()
    {
        const int rounds = 6;
        var draft = this.Draft($"Readmodel {this.tag} status size");
        string id = await this.host.StartAsync(draft, LinkLifetime);
        var sizes = new List<int>();
        for (int version = 1; version <= rounds; version++)
        {
            var pending = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
            sizes.Add(await this.StatusBytesAsync(id));
            string prefix = $"Round {version}: ";
            string comment = prefix + new string('x', 4000 - prefix.Length);
            await this.host.ActAsync(id, pending.Pending!, ApprovalDecision.RequestChanges, comment);
            var returned = await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, version);
            sizes.Add(await this.StatusBytesAsync(id));
            Assert.Equal(comment, returned.Note);
            Assert.Equal(version - 1, returned.EarlierRounds!.Count);
            await this.host.ReviseAsync(id, version + 1, draft);
            await this.host.WaitForStageAsync(id, LetterStage.Drafting, version + 1);
            sizes.Add(await this.StatusBytesAsync(id));
            await this.host.SubmitAsync(id, version + 1, draft);
        }

        var last = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        sizes.Add(await this.StatusBytesAsync(id));
        Assert.All(sizes, size => Assert.InRange(size, 1, 2047));
        Assert.Equal(rounds, last.EarlierRounds!.Count);
        Assert.All(last.EarlierRounds!, r => Assert.Equal(4000, Assert.Single(r.Approvals).Comment.Length));
        Assert.Equal(Enumerable.Range(1, rounds), last.EarlierRounds!.Select(r => r.Version));
    }

    private async Task<int> StatusBytesAsync(string id)
    {
        var instance = await this.host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        return Encoding.UTF8.GetByteCount(instance?.SerializedCustomStatus ?? "");
    }
}
