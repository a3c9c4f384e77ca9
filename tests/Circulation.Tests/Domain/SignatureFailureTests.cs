using Circulation.Domain;
using Circulation.ReadModel;
using Xunit;

namespace Circulation.Tests.Domain;

/// <summary>A letter whose digital signature failed: where it may go from "Signature failed", and what it allows meanwhile.</summary>
public sealed class SignatureFailureTests
{
    private const string Admin = "office.manager@un.example";
    private const string Reason = "The timestamp authority at https://tsa.example did not answer.";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 5, 0, TimeSpan.Zero);

    private static LetterProgress AwaitingSignature() =>
        LetterProgress.Start("L20261202-140500-7K2QX9", "Revitalization", 1)
            .Submit(1, "Revitalization", Now)
            .AwaitApproval(new PendingAction(LinkPurpose.Approval, 0, "first.approver@un.example", "token-a0", Now.AddDays(14)))
            .Decide(ApprovalDecision.Approve, "", Now)
            .AwaitSignature(new PendingAction(LinkPurpose.Signature, 0, "pga@un.example", "token-s", Now.AddDays(14)), approverCount: 1);

    private static LetterProgress Failed() => AwaitingSignature().FailSignature(Reason);

    [Fact]
    public void FailSignature_AfterTheSignatorySigned_WaitsWithTheReasonAndNoLinkAndIsNotFinal()
    {
        var failed = Failed();

        Assert.Equal((LetterStage.SignatureFailed, Reason), (failed.Stage, failed.Note));
        Assert.Null(failed.Pending);
        Assert.Null(failed.SignedAt);
        Assert.False(failed.IsFinal);
        Assert.False(failed.IsEditable);
    }

    [Fact]
    public void FailSignature_BeforeTheSignatureStage_IsRefused()
    {
        var approving = LetterProgress.Start("L20261202-140500-7K2QX9", "Revitalization", 1).Submit(1, "Revitalization", Now);

        Assert.Throws<InvalidTransitionException>(() => approving.FailSignature(Reason));
        Assert.Throws<InvalidTransitionException>(() => Failed().FailSignature(Reason));
    }

    [Fact]
    public void SignatureFailed_AllowsRetryAndWithdrawalButNeitherReminderNorReplacement()
    {
        var failed = Failed();

        Assert.Equal(new InFlightActions(Withdraw: true, Remind: false, Replace: false, RetrySignature: true), failed.AllowedActions());
        Assert.Equal(
            "The signatory has signed; the letter waits for an admin to retry its digital signature, so nobody can be sent a reminder.",
            failed.RefusalOf(LetterActionKind.Reminded));
    }

    [Fact]
    public void RetrySignature_RecordsWhoRetriedAndAwaitsTheSignatureAgainWithNothingElseAllowed()
    {
        var retried = Failed().RetrySignature(Admin, Now.AddHours(1), "request-0001");

        Assert.Equal(LetterStage.AwaitingSignature, retried.Stage);
        Assert.Null(retried.Pending);
        Assert.Null(retried.Note);
        var action = Assert.Single(retried.Actions!);
        Assert.Equal((LetterActionKind.SignatureRetried, Admin, "request-0001"), (action.Kind, action.By, action.RequestId));
        Assert.Equal(InFlightActions.None, retried.AllowedActions());
        Assert.Equal("The letter's digital signature is being applied again right now; wait for the outcome.", retried.RefusalOf(LetterActionKind.SignatureRetried));
        Assert.Equal(LetterStage.Distributing, retried.Sign(Now, 193).Stage);
        Assert.Equal(LetterStage.SignatureFailed, retried.FailSignature(Reason).Stage);
    }

    [Fact]
    public void RetrySignature_WhenTheSignatureHasNotFailed_IsRefusedInPlainWords()
    {
        var signing = AwaitingSignature();

        Assert.Equal("The letter's digital signature has not failed, so there is nothing to retry.", signing.RefusalOf(LetterActionKind.SignatureRetried));
        Assert.Throws<InvalidTransitionException>(() => signing.RetrySignature(Admin, Now));
        Assert.False(signing.AllowedActions().RetrySignature);
    }

    [Fact]
    public void Withdraw_WhileTheSignatureFailed_EndsTheLetter()
    {
        var withdrawn = Failed().Withdraw(Admin, "Cancelled.", Now);

        Assert.Equal(LetterStage.Withdrawn, withdrawn.Stage);
        Assert.Null(Assert.Single(withdrawn.Actions!).Person);
    }

    [Fact]
    public void Attention_SignatureFailed_IsShownToWhoeverListsTheLetter()
    {
        var row = new LetterEntity { Stage = nameof(LetterStage.SignatureFailed), Drafter = "drafter@un.example" };

        Assert.Equal([LetterAttention.SignatureFailed], LetterAttention.Of(row, Admin, Now));
        Assert.Empty(LetterAttention.Of(new LetterEntity { Stage = nameof(LetterStage.AwaitingSignature), Drafter = "drafter@un.example" }, Admin, Now));
    }
}
