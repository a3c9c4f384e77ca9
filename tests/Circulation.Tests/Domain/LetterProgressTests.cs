using Circulation.Domain;
using Xunit;

namespace Circulation.Tests.Domain;

public sealed class LetterProgressTests
{
    private const string LetterId = "L20261125-103512-7K2QX9";
    private const string First = "first.approver@un.example";
    private const string Second = "second.approver@un.example";
    private const string Signatory = "president@un.example";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 35, 12, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(14);

    private static LetterProgress Drafting() => LetterProgress.Start(LetterId, "Revitalization of the work of the General Assembly", 1);

    private static PendingAction Approval(int step, string actor) => new(LinkPurpose.Approval, step, actor, $"token-a{step}", Expiry);

    private static PendingAction SignatureLink() => new(LinkPurpose.Signature, 0, Signatory, "token-s", Expiry);

    private static LetterProgress Submitted() => Drafting().Submit(1, Drafting().Subject, Now);

    private static LetterProgress AwaitingFirst() => Submitted().AwaitApproval(Approval(0, First));

    private static LetterProgress FirstApproved() => AwaitingFirst().Decide(ApprovalDecision.Approve, "", Now);

    private static LetterProgress AwaitingSecond() => FirstApproved().AwaitApproval(Approval(1, Second));

    private static LetterProgress AllApproved() => AwaitingSecond().Decide(ApprovalDecision.Approve, "Fine.", Now.AddHours(1));

    private static LetterProgress AwaitingSignature() => AllApproved().AwaitSignature(SignatureLink(), approverCount: 2);

    private static LetterProgress Distributing(int missions = 193) => AwaitingSignature().Sign(Now.AddHours(2), missions);

    private static void Refused(LetterProgress progress, Func<LetterProgress, LetterProgress> transition)
    {
        var ex = Assert.Throws<InvalidTransitionException>(() => transition(progress));
        Assert.Equal(progress.Stage, ex.From);
    }

    [Fact]
    public void Start_NewLetter_IsDraftingWithNothingRecordedOrPending()
    {
        var progress = Drafting();

        Assert.Equal(LetterId, progress.LetterId);
        Assert.Equal(1, progress.Version);
        Assert.Equal(LetterStage.Drafting, progress.Stage);
        Assert.Empty(progress.Approvals);
        Assert.Null(progress.Pending);
        Assert.Equal(DeliveryTally.None, progress.Deliveries);
        Assert.Null(progress.SignedAt);
        Assert.False(progress.IsFinal);
    }

    [Fact]
    public void AwaitApproval_FirstStepOfSubmittedDraft_WaitsOnThatApprover()
    {
        var pending = Approval(0, First);

        var progress = Submitted().AwaitApproval(pending);

        Assert.Equal(LetterStage.AwaitingApproval, progress.Stage);
        Assert.Equal(pending, progress.Pending);
        Assert.False(progress.IsFinal);
    }

    [Fact]
    public void AwaitApproval_WhileThatStepsLinkIsStillPending_IsRefused()
    {
        Refused(AwaitingFirst(), p => p.AwaitApproval(Approval(0, First) with { TokenId = "token-replacement" }));
    }

    [Fact]
    public void AwaitApproval_WithSignatureLink_IsRefused()
    {
        Refused(Submitted(), p => p.AwaitApproval(SignatureLink()));
    }

    [Fact]
    public void AwaitApproval_SkippingAStep_IsRefused()
    {
        Refused(Submitted(), p => p.AwaitApproval(Approval(1, Second)));
    }

    [Fact]
    public void AwaitApproval_DraftNotSubmitted_IsRefused()
    {
        Refused(Drafting(), p => p.AwaitApproval(Approval(0, First)));
    }

    [Fact]
    public void AwaitApproval_RepeatingADecidedStep_IsRefused()
    {
        Refused(FirstApproved(), p => p.AwaitApproval(Approval(0, First)));
    }

    [Fact]
    public void AwaitApproval_AfterRoundEnded_IsRefused()
    {
        var rejected = AwaitingFirst().Decide(ApprovalDecision.Reject, "No.", Now);

        Refused(rejected, p => p.AwaitApproval(Approval(1, Second)));
    }

    [Fact]
    public void AwaitApproval_WhileAwaitingSignature_IsRefused()
    {
        Refused(AwaitingSignature(), p => p.AwaitApproval(Approval(2, "third@un.example")));
    }

    [Fact]
    public void Decide_Approve_RecordsDecisionAndClearsPendingWithoutEndingRound()
    {
        var progress = AwaitingFirst().Decide(ApprovalDecision.Approve, "Looks good.", Now);

        Assert.Equal(LetterStage.AwaitingApproval, progress.Stage);
        Assert.Null(progress.Pending);
        Assert.False(progress.IsFinal);
        var record = Assert.Single(progress.Approvals);
        Assert.Equal(new ApprovalRecord(0, First, ApprovalDecision.Approve, "Looks good.", Now), record);
    }

    [Fact]
    public void Decide_ApproveChain_RecordsEachApproverInOrder()
    {
        var progress = AllApproved();

        Assert.Equal(LetterStage.AwaitingApproval, progress.Stage);
        Assert.Collection(
            progress.Approvals,
            a => Assert.Equal((0, First, ApprovalDecision.Approve), (a.Step, a.Approver, a.Decision)),
            a => Assert.Equal((1, Second, ApprovalDecision.Approve), (a.Step, a.Approver, a.Decision)));
    }

    [Fact]
    public void Decide_RequestChanges_EndsRoundWithCommentAndLetsTheDrafterEdit()
    {
        var progress = AwaitingSecond().Decide(ApprovalDecision.RequestChanges, "Please cite resolution 78/1.", Now);

        Assert.Equal(LetterStage.ChangesRequested, progress.Stage);
        Assert.False(progress.IsFinal);
        Assert.True(progress.IsEditable);
        Assert.Equal("Please cite resolution 78/1.", progress.Note);
        Assert.Null(progress.Pending);
        Assert.Equal(ApprovalDecision.RequestChanges, progress.Approvals[^1].Decision);
        Assert.Equal(Second, progress.Approvals[^1].Approver);
    }

    [Fact]
    public void Decide_Reject_EndsRoundWithComment()
    {
        var progress = AwaitingFirst().Decide(ApprovalDecision.Reject, "Not appropriate.", Now);

        Assert.Equal(LetterStage.Rejected, progress.Stage);
        Assert.True(progress.IsFinal);
        Assert.False(progress.IsEditable);
        Assert.Equal("Not appropriate.", progress.Note);
        Assert.Equal(ApprovalDecision.Reject, Assert.Single(progress.Approvals).Decision);
    }

    [Fact]
    public void Decide_InDrafting_IsRefused()
    {
        Refused(Drafting(), p => p.Decide(ApprovalDecision.Approve, "", Now));
    }

    [Fact]
    public void Decide_TwiceForOneLink_IsRefused()
    {
        Refused(FirstApproved(), p => p.Decide(ApprovalDecision.Approve, "", Now));
    }

    [Fact]
    public void Decide_AfterChangesRequested_IsRefused()
    {
        var ended = AwaitingFirst().Decide(ApprovalDecision.RequestChanges, "Shorter.", Now);

        Refused(ended, p => p.Decide(ApprovalDecision.Approve, "", Now));
    }

    [Fact]
    public void Decide_WhileAwaitingSignature_IsRefused()
    {
        Refused(AwaitingSignature(), p => p.Decide(ApprovalDecision.Approve, "", Now));
    }

    [Fact]
    public void AwaitSignature_AfterEveryApproverApproved_WaitsOnSignatory()
    {
        var progress = AwaitingSignature();

        Assert.Equal(LetterStage.AwaitingSignature, progress.Stage);
        Assert.Equal(SignatureLink(), progress.Pending);
        Assert.Equal(2, progress.Approvals.Count);
    }

    [Fact]
    public void AwaitSignature_BeforeAllApprovals_IsRefused()
    {
        Refused(FirstApproved(), p => p.AwaitSignature(SignatureLink(), approverCount: 2));
    }

    [Fact]
    public void AwaitSignature_WhileApprovalPending_IsRefused()
    {
        Refused(AwaitingSecond(), p => p.AwaitSignature(SignatureLink(), approverCount: 2));
    }

    [Fact]
    public void AwaitSignature_WithApprovalLink_IsRefused()
    {
        Refused(AllApproved(), p => p.AwaitSignature(Approval(2, Signatory), approverCount: 2));
    }

    [Fact]
    public void AwaitSignature_InDrafting_IsRefused()
    {
        Refused(Drafting(), p => p.AwaitSignature(SignatureLink(), approverCount: 0));
    }

    [Fact]
    public void AwaitSignature_AfterRejection_IsRefused()
    {
        var rejected = AwaitingFirst().Decide(ApprovalDecision.Reject, "No.", Now);

        Refused(rejected, p => p.AwaitSignature(SignatureLink(), approverCount: 1));
    }

    [Fact]
    public void Sign_AwaitingSignature_StartsDistributionToEveryMission()
    {
        var signedAt = Now.AddHours(2);

        var progress = AwaitingSignature().Sign(signedAt, 193);

        Assert.Equal(LetterStage.Distributing, progress.Stage);
        Assert.Equal(signedAt, progress.SignedAt);
        Assert.Null(progress.Pending);
        Assert.Equal(new DeliveryTally(193, 0, 0), progress.Deliveries);
        Assert.False(progress.IsFinal);
    }

    [Fact]
    public void Sign_WhileAwaitingApproval_IsRefused()
    {
        Refused(AllApproved(), p => p.Sign(Now, 193));
    }

    [Fact]
    public void Sign_ToNoMission_IsRefused()
    {
        Refused(AwaitingSignature(), p => p.Sign(Now, 0));
    }

    [Fact]
    public void Sign_Twice_IsRefused()
    {
        Refused(Distributing(), p => p.Sign(Now, 193));
    }

    [Fact]
    public void RecordDeliveries_PartialBatch_StaysDistributing()
    {
        var progress = Distributing(193).RecordDeliveries(15, 1);

        Assert.Equal(LetterStage.Distributing, progress.Stage);
        Assert.Equal(new DeliveryTally(193, 15, 1), progress.Deliveries);
        Assert.False(progress.IsFinal);
    }

    [Fact]
    public void RecordDeliveries_LastBatch_CompletesDistributionCountingFailures()
    {
        var progress = Distributing(193).RecordDeliveries(100, 0).RecordDeliveries(90, 3);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal(new DeliveryTally(193, 190, 3), progress.Deliveries);
        Assert.True(progress.IsFinal);
    }

    [Fact]
    public void RecordDeliveries_MoreThanMissions_IsRefused()
    {
        Refused(Distributing(10).RecordDeliveries(8, 0), p => p.RecordDeliveries(3, 0));
    }

    [Fact]
    public void RecordDeliveries_NegativeCount_IsRefused()
    {
        Refused(Distributing(10), p => p.RecordDeliveries(-1, 2));
    }

    [Fact]
    public void RecordDeliveries_AfterDistributionCompleted_IsRefused()
    {
        Refused(Distributing(2).RecordDeliveries(2, 0), p => p.RecordDeliveries(0, 0));
    }

    [Fact]
    public void RecordDeliveries_BeforeSignature_IsRefused()
    {
        Refused(AwaitingSignature(), p => p.RecordDeliveries(1, 0));
    }

    [Fact]
    public void Expire_AwaitingApproval_EndsExpiredNamingApprover()
    {
        var progress = AwaitingSecond().Expire(Expiry);

        Assert.Equal(LetterStage.Expired, progress.Stage);
        Assert.True(progress.IsFinal);
        Assert.Null(progress.Pending);
        Assert.Contains($"approver {Second}", progress.Note, StringComparison.Ordinal);
        Assert.Single(progress.Approvals);
    }

    [Fact]
    public void Expire_AwaitingSignature_EndsExpiredNamingSignatory()
    {
        var progress = AwaitingSignature().Expire(Expiry);

        Assert.Equal(LetterStage.Expired, progress.Stage);
        Assert.Null(progress.Pending);
        Assert.Contains($"signatory {Signatory}", progress.Note, StringComparison.Ordinal);
        Assert.Null(progress.SignedAt);
    }

    [Fact]
    public void Expire_InDrafting_IsRefused()
    {
        Refused(Drafting(), p => p.Expire(Expiry));
    }

    [Fact]
    public void Expire_BetweenApprovalSteps_IsRefused()
    {
        Refused(FirstApproved(), p => p.Expire(Expiry));
    }

    [Fact]
    public void Expire_WhileDistributing_IsRefused()
    {
        Refused(Distributing(), p => p.Expire(Expiry));
    }

    [Fact]
    public void Expire_AfterExpiry_IsRefused()
    {
        Refused(AwaitingFirst().Expire(Expiry), p => p.Expire(Expiry));
    }

    [Fact]
    public void Undeliverable_ApprovalRequest_ReturnsLetterToDrafterNamingApproverAndReason()
    {
        var progress = AwaitingSecond().Undeliverable("550 5.1.1 Recipient unknown.");

        Assert.Equal(LetterStage.ChangesRequested, progress.Stage);
        Assert.False(progress.IsFinal);
        Assert.True(progress.IsEditable);
        Assert.Null(progress.Pending);
        Assert.Contains($"approver {Second}", progress.Note, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 Recipient unknown.", progress.Note, StringComparison.Ordinal);
        Assert.Equal(ApprovalDecision.Approve, Assert.Single(progress.Approvals).Decision);
    }

    [Fact]
    public void Undeliverable_SignatureRequest_ReturnsLetterToDrafterUnsigned()
    {
        var progress = AwaitingSignature().Undeliverable("refused");

        Assert.Equal(LetterStage.ChangesRequested, progress.Stage);
        Assert.Contains($"signatory {Signatory}", progress.Note, StringComparison.Ordinal);
        Assert.Null(progress.SignedAt);
        Assert.True(progress.CanSubmit(2));
        Assert.False(progress.CanSubmit(1));
    }

    [Fact]
    public void Undeliverable_WithNothingPending_IsRefused()
    {
        Refused(FirstApproved(), p => p.Undeliverable("refused"));
        Refused(Drafting(), p => p.Undeliverable("refused"));
        Refused(Distributing(), p => p.Undeliverable("refused"));
    }

    [Fact]
    public void Transitions_LeaveTheOriginalUnchanged()
    {
        var before = AwaitingFirst();

        _ = before.Decide(ApprovalDecision.Reject, "No.", Now);

        Assert.Equal(LetterStage.AwaitingApproval, before.Stage);
        Assert.Empty(before.Approvals);
        Assert.NotNull(before.Pending);
    }

    [Fact]
    public void InvalidTransitionException_Message_NamesStageAndAction()
    {
        var ex = Assert.Throws<InvalidTransitionException>(() => Drafting().Sign(Now, 193));

        Assert.Equal(LetterStage.Drafting, ex.From);
        Assert.Equal("A letter in stage Drafting cannot be signed.", ex.Message);
    }
}
