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
        Assert.Contains("drafted this letter", Replacements.Conflict("Drafter@UN.example", Pending(LinkPurpose.Approval, 0), Input), StringComparison.Ordinal);

    [Fact]
    public void ReplacingTheSignatory_WithTheDrafter_IsRefused() =>
        Assert.NotNull(Replacements.Conflict("drafter@un.example", Pending(LinkPurpose.Signature, 0), Input));

    [Fact]
    public void ReplacingAnApprover_WithAnotherApproverOfTheRound_IsRefused() =>
        Assert.Contains("already another approver", Replacements.Conflict("second@un.example", Pending(LinkPurpose.Approval, 0), Input), StringComparison.Ordinal);

    [Fact]
    public void ReplacingAnApprover_WithSomeoneNew_IsAllowed() =>
        Assert.Null(Replacements.Conflict("deputy@un.example", Pending(LinkPurpose.Approval, 1), Input));
}
