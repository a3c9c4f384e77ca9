using Circulation.Domain;
using Xunit;

namespace Circulation.Tests.Domain;

/// <summary>The drafting half of the state machine: saving versions, submitting, and the revise loop after changes are requested.</summary>
public sealed class LetterRevisionTests
{
    private const string LetterId = "L20261125-103512-7K2QX9";
    private const string Subject = "Revitalization of the work of the General Assembly";
    private const string First = "first.approver@un.example";
    private const string Second = "second.approver@un.example";
    private const string Signatory = "president@un.example";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 35, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(14);

    private static LetterProgress Draft() => LetterProgress.Start(LetterId, Subject, 1);

    private static PendingAction Approval(int step, string actor, string token = "") => new(LinkPurpose.Approval, step, actor, $"token-a{step}{token}", Expiry);

    private static LetterProgress AwaitingFirst(LetterProgress submitted) => submitted.AwaitApproval(Approval(0, First));

    /// <summary>Version 1 submitted; approver 1 approves; approver 2 asks for changes.</summary>
    private static LetterProgress ChangesRequestedBySecond() =>
        AwaitingFirst(Draft().Submit(1, Subject, Now))
            .Decide(ApprovalDecision.Approve, "", Now)
            .AwaitApproval(Approval(1, Second))
            .Decide(ApprovalDecision.RequestChanges, "Please cite resolution 78/1.", Now.AddHours(1));

    private static LetterProgress AwaitingSignature() =>
        AwaitingFirst(Draft().Submit(1, Subject, Now))
            .Decide(ApprovalDecision.Approve, "", Now)
            .AwaitSignature(new PendingAction(LinkPurpose.Signature, 0, Signatory, "token-s", Expiry), approverCount: 1);

    private static void Refused(LetterProgress progress, Func<LetterProgress, LetterProgress> transition)
    {
        var ex = Assert.Throws<InvalidTransitionException>(() => transition(progress));
        Assert.Equal(progress.Stage, ex.From);
    }

    public static TheoryData<string> NotEditableStages => ["submitted", "awaiting-approval", "awaiting-signature", "distributing", "distributed", "rejected", "expired"];

    private static LetterProgress InStage(string name) => name switch
    {
        "submitted" => Draft().Submit(1, Subject, Now),
        "awaiting-approval" => AwaitingFirst(Draft().Submit(1, Subject, Now)),
        "awaiting-signature" => AwaitingSignature(),
        "distributing" => AwaitingSignature().Sign(Now, 193),
        "distributed" => AwaitingSignature().Sign(Now, 2).RecordDeliveries(2, 0),
        "rejected" => AwaitingFirst(Draft().Submit(1, Subject, Now)).Decide(ApprovalDecision.Reject, "No.", Now),
        "expired" => AwaitingFirst(Draft().Submit(1, Subject, Now)).Expire(Expiry),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    [Fact]
    public void Start_NewDraft_IsEditableAndNotSubmitted()
    {
        var draft = Draft();

        Assert.True(draft.IsEditable);
        Assert.Null(draft.SubmittedAt);
        Assert.Null(draft.EarlierRounds);
    }

    [Fact]
    public void Revise_Draft_MovesToTheNewVersionAndSubjectAndStaysInDrafting()
    {
        var progress = Draft().Revise(2, "A new subject");

        Assert.Equal(LetterStage.Drafting, progress.Stage);
        Assert.Equal(2, progress.Version);
        Assert.Equal("A new subject", progress.Subject);
        Assert.True(progress.IsEditable);
        Assert.Null(progress.SubmittedAt);
    }

    [Fact]
    public void Revise_ManyTimes_VersionsOnlyIncrease()
    {
        var progress = Draft().Revise(2, Subject).Revise(3, Subject).Revise(4, Subject);

        Assert.Equal(4, progress.Version);
        Refused(progress, p => p.Revise(4, Subject));
        Refused(progress, p => p.Revise(3, Subject));
        Assert.False(progress.CanRevise(4));
        Assert.True(progress.CanRevise(5));
    }

    [Theory]
    [MemberData(nameof(NotEditableStages))]
    public void Revise_OutsideDraftingAndChangesRequested_IsRefused(string stage)
    {
        var progress = InStage(stage);

        Assert.False(progress.IsEditable);
        Assert.False(progress.CanRevise(progress.Version + 1));
        Refused(progress, p => p.Revise(p.Version + 1, Subject));
    }

    [Theory]
    [MemberData(nameof(NotEditableStages))]
    public void Submit_OutsideDraftingAndChangesRequested_IsRefused(string stage)
    {
        var progress = InStage(stage);

        Assert.False(progress.CanSubmit(progress.Version + 1));
        Refused(progress, p => p.Submit(p.Version + 1, Subject, Now));
    }

    [Fact]
    public void Submit_Draft_RecordsWhenAndGoesToTheFirstApproverNext()
    {
        var progress = Draft().Revise(2, "Edited").Submit(2, "Edited", Now);

        Assert.Equal(LetterStage.Drafting, progress.Stage);
        Assert.Equal(Now, progress.SubmittedAt);
        Assert.Equal(2, progress.Version);
        Assert.False(progress.IsEditable);
        var awaiting = progress.AwaitApproval(Approval(0, First));
        Assert.Equal(LetterStage.AwaitingApproval, awaiting.Stage);
    }

    [Fact]
    public void Submit_NewerVersionThanTheStatusKnows_IsAccepted()
    {
        // The "stored" event of version 2 may arrive after its "submitted" event; the submission carries the version.
        var progress = Draft().Submit(2, "Edited", Now);

        Assert.Equal(2, progress.Version);
        Assert.Equal("Edited", progress.Subject);
    }

    [Fact]
    public void Submit_Twice_IsRefused()
    {
        Refused(Draft().Submit(1, Subject, Now), p => p.Submit(1, Subject, Now));
    }

    [Fact]
    public void Submit_OlderVersion_IsRefused()
    {
        var progress = Draft().Revise(2, Subject);

        Assert.False(progress.CanSubmit(1));
        Refused(progress, p => p.Submit(1, Subject, Now));
    }

    [Fact]
    public void Submit_SameVersionAfterChangesRequested_IsRefused()
    {
        var progress = ChangesRequestedBySecond();

        Assert.False(progress.CanSubmit(1));
        var ex = Assert.Throws<InvalidTransitionException>(() => progress.Submit(1, Subject, Now));
        Assert.Equal("A letter in stage ChangesRequested cannot be submitted again unchanged after changes were requested.", ex.Message);
    }

    [Fact]
    public void Revise_AfterChangesRequested_FilesTheRoundAndKeepsTheCommentForTheDrafter()
    {
        var progress = ChangesRequestedBySecond().Revise(2, "Edited");

        Assert.Equal(LetterStage.Drafting, progress.Stage);
        Assert.Equal(2, progress.Version);
        Assert.Empty(progress.Approvals);
        Assert.Equal("Please cite resolution 78/1.", progress.Note);
        var round = Assert.Single(progress.EarlierRounds!);
        Assert.Equal(1, round.Version);
        Assert.Equal("Please cite resolution 78/1.", round.Note);
        Assert.Equal([ApprovalDecision.Approve, ApprovalDecision.RequestChanges], round.Approvals.Select(a => a.Decision));
    }

    [Fact]
    public void Submit_NewVersionAfterChangesRequested_RestartsFromTheFirstApprover()
    {
        var progress = ChangesRequestedBySecond().Revise(2, "Edited").Submit(2, "Edited", Now.AddDays(1));

        Assert.Null(progress.Note);
        Assert.Empty(progress.Approvals);
        Refused(progress, p => p.AwaitApproval(Approval(1, Second, "-new")));
        var awaiting = progress.AwaitApproval(Approval(0, First, "-new"));
        Assert.Equal(LetterStage.AwaitingApproval, awaiting.Stage);
        Assert.Equal(0, awaiting.Pending!.Step);
        Assert.Single(awaiting.EarlierRounds!);
    }

    [Fact]
    public void Submit_DirectlyFromChangesRequestedWithNewerVersion_FilesTheRound()
    {
        var progress = ChangesRequestedBySecond().Submit(2, "Edited", Now);

        Assert.Equal(1, Assert.Single(progress.EarlierRounds!).Version);
        Assert.Empty(progress.Approvals);
        Assert.Equal(2, progress.Version);
    }

    [Fact]
    public void Revise_SeveralTimesAfterChangesRequested_FilesTheRoundOnce()
    {
        var progress = ChangesRequestedBySecond().Revise(2, Subject).Revise(3, Subject).Submit(3, Subject, Now);

        Assert.Single(progress.EarlierRounds!);
    }

    [Fact]
    public void Decide_RejectInASecondRound_IsFinal()
    {
        var progress = AwaitingFirst(ChangesRequestedBySecond().Revise(2, Subject).Submit(2, Subject, Now))
            .Decide(ApprovalDecision.Reject, "No.", Now);

        Assert.Equal(LetterStage.Rejected, progress.Stage);
        Assert.True(progress.IsFinal);
        Refused(progress, p => p.Revise(3, Subject));
    }

    [Fact]
    public void LastVersionSeenBy_ApproversWhoDecidedOnAnEarlierVersion_IsThatVersion()
    {
        var progress = ChangesRequestedBySecond().Revise(2, Subject).Submit(2, Subject, Now);

        Assert.Equal(1, progress.LastVersionSeenBy(First));
        Assert.Equal(1, progress.LastVersionSeenBy("SECOND.approver@un.example"));
        Assert.Null(progress.LastVersionSeenBy("third.approver@un.example"));
    }

    [Fact]
    public void LastVersionSeenBy_AnApproverNeverReachedInTheFirstRound_IsTheVersionTheyDecidedOnLater()
    {
        // Round 1 (v1): approver 1 asks for changes; approver 2 never sees v1.
        var round1 = AwaitingFirst(Draft().Submit(1, Subject, Now)).Decide(ApprovalDecision.RequestChanges, "Shorter.", Now);
        var afterRound1 = round1.Submit(2, Subject, Now);
        Assert.Null(afterRound1.LastVersionSeenBy(Second));

        // Round 2 (v2): approver 1 approves, approver 2 asks for changes. Round 3 (v4, after an unsubmitted v3).
        var round2 = afterRound1.AwaitApproval(Approval(0, First, "-2")).Decide(ApprovalDecision.Approve, "", Now)
            .AwaitApproval(Approval(1, Second, "-2")).Decide(ApprovalDecision.RequestChanges, "Date.", Now);
        var round3 = round2.Revise(3, Subject).Revise(4, Subject).Submit(4, Subject, Now);

        Assert.Equal(2, round3.LastVersionSeenBy(First));
        Assert.Equal(2, round3.LastVersionSeenBy(Second));
        Assert.Equal([1, 2], round3.EarlierRounds!.Select(r => r.Version));
    }

    [Fact]
    public void LastVersionSeenBy_FirstRound_IsNull()
    {
        Assert.Null(AwaitingFirst(Draft().Submit(1, Subject, Now)).LastVersionSeenBy(First));
    }
}
