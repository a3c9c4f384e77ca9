using Circulation.Domain;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Workflow;

public sealed class ReplacementConflictTests
{
    private static readonly CirculationInput Input = new(
        "L20261202-101500-ABCDEF", 1, "Subject", ["first@un.example", "second@un.example"], "pga@un.example", "drafter@un.example", "pr", TimeSpan.FromDays(14), 16);

    private static PendingAction Pending(LinkPurpose kind, int step) => new(kind, step, kind == LinkPurpose.Approval ? Input.Approvers[step] : "pga@un.example", "t", DateTimeOffset.UnixEpoch);

    [Fact]
    public void ReplacingAnApprover_WithTheDrafter_IsRefused() =>
        Assert.Contains("drafted this letter", LetterCommands.ReplacementConflict("Drafter@UN.example", Pending(LinkPurpose.Approval, 0), Input), StringComparison.Ordinal);

    [Fact]
    public void ReplacingTheSignatory_WithTheDrafter_IsRefused() =>
        Assert.NotNull(LetterCommands.ReplacementConflict("drafter@un.example", Pending(LinkPurpose.Signature, 0), Input));

    [Fact]
    public void ReplacingAnApprover_WithAnotherApproverOfTheRound_IsRefused() =>
        Assert.Contains("already another approver", LetterCommands.ReplacementConflict("second@un.example", Pending(LinkPurpose.Approval, 0), Input), StringComparison.Ordinal);

    [Fact]
    public void ReplacingAnApprover_WithSomeoneNew_IsAllowed() =>
        Assert.Null(LetterCommands.ReplacementConflict("deputy@un.example", Pending(LinkPurpose.Approval, 1), Input));
}
