using Circulation.Domain;
using Xunit;

namespace Circulation.Tests.Domain;

/// <summary>Withdraw, remind and replace on a letter in flight: which stages allow them, and what each records.</summary>
public sealed class LetterActionTests
{
    private const string Drafter = "drafter@un.example";
    private const string First = "first.approver@un.example";
    private const string Deputy = "deputy.approver@un.example";
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(14);

    private static LetterProgress Drafting() => LetterProgress.Start("L20261202-140500-7K2QX9", "Revitalization", 1);

    private static LetterProgress Submitted() => Drafting().Submit(1, "Revitalization", Now);

    private static LetterProgress AwaitingApproval() => Submitted().AwaitApproval(new PendingAction(LinkPurpose.Approval, 0, First, "token-a0", Expiry));

    private static LetterProgress ChangesRequested() => AwaitingApproval().Decide(ApprovalDecision.RequestChanges, "Cite resolution 78/1.", Now);

    private static LetterProgress AwaitingSignature() => AwaitingApproval().Decide(ApprovalDecision.Approve, "", Now)
        .AwaitSignature(new PendingAction(LinkPurpose.Signature, 0, "pga@un.example", "token-s", Expiry), approverCount: 1);

    private static LetterProgress Distributing() => AwaitingSignature().Sign(Now.AddHours(1), 193);

    public static TheoryData<string> BeforeSignature => ["drafting", "submitted", "approval", "changes", "signature"];

    private static LetterProgress In(string stage) => stage switch
    {
        "drafting" => Drafting(),
        "submitted" => Submitted(),
        "approval" => AwaitingApproval(),
        "changes" => ChangesRequested(),
        "signature" => AwaitingSignature(),
        "distributing" => Distributing(),
        "distributed" => Distributing().RecordDeliveries(193, 0),
        "rejected" => AwaitingApproval().Decide(ApprovalDecision.Reject, "No.", Now),
        "expired" => AwaitingApproval().Expire(Now),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    [Theory]
    [MemberData(nameof(BeforeSignature))]
    public void Withdraw_AnyStageBeforeSignature_IsFinalWithTheReasonAndThePendingLinkRetired(string stage)
    {
        var before = In(stage);

        var withdrawn = before.Withdraw(Drafter, "Superseded by the President's statement.", Now, "req-12345678");

        Assert.Equal(LetterStage.Withdrawn, withdrawn.Stage);
        Assert.True(withdrawn.IsFinal);
        Assert.False(withdrawn.IsEditable);
        Assert.Null(withdrawn.Pending);
        var action = Assert.Single(withdrawn.Actions!);
        Assert.Equal((LetterActionKind.Withdrawn, Drafter, Now, "Superseded by the President's statement.", "req-12345678"), (action.Kind, action.By, action.At, action.Reason, action.RequestId));
        Assert.Equal(before.Pending?.TokenId, action.TokenId);
        Assert.Equal(before.Pending?.Actor, action.Person);
        Assert.Same(action, withdrawn.Withdrawal);
        Assert.Equal("Withdrawn by drafter@un.example on 2 December 2026 at 14:05 UTC: Superseded by the President's statement.", withdrawn.Note);
        Assert.Equal(InFlightActions.None, withdrawn.AllowedActions());
    }

    [Theory]
    [InlineData("distributing")]
    [InlineData("distributed")]
    public void Withdraw_AfterSignature_IsRefusedSayingWhenItWasSigned(string stage)
    {
        var signed = In(stage);

        Assert.Equal("The letter was signed on 2 December 2026 at 15:05 UTC; it can no longer be withdrawn.", signed.RefusalOf(LetterActionKind.Withdrawn));
        Assert.Throws<InvalidTransitionException>(() => signed.Withdraw(Drafter, "Too late.", Now));
        Assert.Equal(InFlightActions.None, signed.AllowedActions());
    }

    [Theory]
    [InlineData("rejected", "The letter was rejected; it is over and cannot be withdrawn.")]
    [InlineData("expired", "The letter's link expired before anyone acted; it is over and cannot be withdrawn.")]
    public void Withdraw_RoundOver_IsRefusedInPlainWords(string stage, string reason)
    {
        var over = In(stage);

        Assert.Equal(reason, over.RefusalOf(LetterActionKind.Withdrawn));
        Assert.Throws<InvalidTransitionException>(() => over.Withdraw(Drafter, "Again.", Now));
    }

    [Fact]
    public void Withdraw_AlreadyWithdrawn_IsRefusedNamingWhoWithdrewItAndWhen()
    {
        var withdrawn = AwaitingApproval().Withdraw("office.manager@un.example", "Sent by mistake.", Now);

        Assert.Equal(
            "The letter was already withdrawn by office.manager@un.example on 2 December 2026 at 14:05 UTC; it cannot be withdrawn.",
            withdrawn.RefusalOf(LetterActionKind.Withdrawn));
    }

    [Theory]
    [InlineData("approval")]
    [InlineData("signature")]
    public void Remind_WhilePending_RecordsWhoWasRemindedAndKeepsTheLink(string stage)
    {
        var before = In(stage);

        var reminded = before.Remind(Drafter, Now.AddDays(1));

        Assert.Equal(before.Stage, reminded.Stage);
        Assert.Equal(before.Pending! with { RemindedAt = Now.AddDays(1) }, reminded.Pending);
        var action = Assert.Single(reminded.Actions!);
        Assert.Equal((LetterActionKind.Reminded, Drafter, before.Pending!.Actor, before.Pending.Kind, (int?)0), (action.Kind, action.By, action.Person, action.Purpose, action.Step));
        Assert.Equal(new InFlightActions(true, true, true), reminded.AllowedActions());
    }

    [Theory]
    [InlineData("drafting", "The letter is a draft: nobody has been asked to approve or sign it yet, so nobody can be sent a reminder.")]
    [InlineData("submitted", "The letter was just submitted and its first approver is being asked; try again in a moment.")]
    [InlineData("changes", "Changes were requested: the letter waits for the drafter, not for an approver or the signatory, so nobody can be sent a reminder.")]
    [InlineData("distributing", "The letter was signed on 2 December 2026 at 15:05 UTC; it can no longer be sent a reminder.")]
    public void Remind_NothingPending_IsRefusedInPlainWords(string stage, string reason)
    {
        var progress = In(stage);

        Assert.Equal(reason, progress.RefusalOf(LetterActionKind.Reminded));
        Assert.Throws<InvalidTransitionException>(() => progress.Remind(Drafter, Now));
        Assert.Equal(new InFlightActions(stage != "distributing", false, false), progress.AllowedActions());
    }

    [Fact]
    public void Replace_PendingApprover_GivesTheStepToTheNewPersonAndRecordsWhoReplacedWhomAndWhy()
    {
        var before = AwaitingApproval();
        var next = new PendingAction(LinkPurpose.Approval, 0, Deputy, "token-new", Expiry.AddDays(1));

        var replaced = before.Replace(next, Drafter, "On leave until January.", Now);

        Assert.Equal(LetterStage.AwaitingApproval, replaced.Stage);
        Assert.Equal(next, replaced.Pending);
        var action = Assert.Single(replaced.Actions!);
        Assert.Equal((LetterActionKind.Replaced, Drafter, Deputy, First, "On leave until January.", "token-a0"), (action.Kind, action.By, action.Person, action.Replaced, action.Reason, action.TokenId));
        Assert.Same(action, replaced.ReplacementOf("token-a0"));
        Assert.Null(replaced.ReplacementOf("token-new"));
        Assert.Equal([Deputy], replaced.Replacements);

        // The decision that follows is the new person's.
        var decided = replaced.Decide(ApprovalDecision.Approve, "", Now.AddHours(1));
        Assert.Equal(Deputy, Assert.Single(decided.Approvals).Approver);
        Assert.Null(replaced.SignatoryReplacement);
    }

    [Fact]
    public void Replace_Signatory_RecordsTheNameAndTitleTheNewSignatorySignsUnder()
    {
        var before = AwaitingSignature();
        var next = new PendingAction(LinkPurpose.Signature, 0, "vice.president@un.example", "token-s2", Expiry);
        Assert.Null(before.SignatoryReplacement);

        var replaced = before.Replace(next, Drafter, "The President is travelling.", Now, personName: "Karin Lindqvist", personTitle: "Acting President");

        var action = Assert.Single(replaced.Actions!);
        Assert.Equal(("vice.president@un.example", "pga@un.example", "Karin Lindqvist", "Acting President"), (action.Person, action.Replaced, action.PersonName, action.PersonTitle));
        Assert.Same(action, replaced.SignatoryReplacement);

        // Only the replacement that gave the pending signature to its holder names the signer.
        Assert.Null((replaced with { Pending = next with { Actor = "pga@un.example" } }).SignatoryReplacement);
    }

    [Fact]
    public void Replace_WithTheSamePersonAnotherStepOrTheSameLink_IsRefused()
    {
        var before = AwaitingApproval();

        Assert.Throws<InvalidTransitionException>(() => before.Replace(new PendingAction(LinkPurpose.Approval, 0, "FIRST.approver@un.example", "token-new", Expiry), Drafter, "Why.", Now));
        Assert.Throws<InvalidTransitionException>(() => before.Replace(new PendingAction(LinkPurpose.Approval, 1, Deputy, "token-new", Expiry), Drafter, "Why.", Now));
        Assert.Throws<InvalidTransitionException>(() => before.Replace(new PendingAction(LinkPurpose.Signature, 0, Deputy, "token-new", Expiry), Drafter, "Why.", Now));
        Assert.Throws<InvalidTransitionException>(() => before.Replace(new PendingAction(LinkPurpose.Approval, 0, Deputy, "token-a0", Expiry), Drafter, "Why.", Now));
        Assert.Throws<InvalidTransitionException>(() => ChangesRequested().Replace(new PendingAction(LinkPurpose.Approval, 0, Deputy, "token-new", Expiry), Drafter, "Why.", Now));
    }

    [Fact]
    public void InWords_ATime_ReadsAsTheOfficeWritesIt() =>
        Assert.Equal("2 December 2026 at 14:05 UTC", LetterProgress.InWords(new DateTimeOffset(2026, 12, 2, 15, 5, 0, TimeSpan.FromHours(1))));
}
