using Circulation.Access;
using Circulation.Domain;
using Circulation.Staff;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Access;

/// <summary>The one policy of who may compose, see, change and act on letters.</summary>
public sealed class StaffAccessTests
{
    private static readonly LetterParties Letter = new(TestStaff.Drafter, ["legal.adviser@un.example"], TestStaff.President);

    private static SignedInStaff Person(string email, params StaffRole[] roles) =>
        new(TestStaff.Directory.Find(email)!, roles.Length == 0 ? TestStaff.Directory.Find(email)!.Roles : roles.ToHashSet());

    [Fact]
    public void Drafter_MayComposeSeeAndChangeTheirOwnLetter()
    {
        var drafter = Person(TestStaff.Drafter);

        Assert.Null(StaffAccess.RefuseCompose(drafter));
        Assert.Null(StaffAccess.RefuseRead(drafter, Letter));
        Assert.Null(StaffAccess.RefuseChange(drafter, Letter));
    }

    [Fact]
    public void AnotherDrafter_MayNeitherSeeNorChangeTheLetter_AndIsToldWhose_ItIs()
    {
        var other = Person(TestStaff.DraftingApprover);

        Assert.Contains($"drafted by {TestStaff.Drafter}", StaffAccess.RefuseRead(other, Letter), StringComparison.Ordinal);
        Assert.Contains("only its drafter and admins can change it", StaffAccess.RefuseChange(other, Letter), StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_MaySeeAndChangeAnyLetter()
    {
        var admin = Person(TestStaff.DraftingApprover, StaffRole.Admin);

        Assert.Null(StaffAccess.RefuseRead(admin, Letter));
        Assert.Null(StaffAccess.RefuseChange(admin, Letter));
        Assert.True(StaffAccess.SeesAllLetters(admin));
        Assert.False(StaffAccess.SeesAllLetters(Person(TestStaff.Drafter)));
    }

    [Fact]
    public void ApproverAndSignatoryOfTheLetter_MaySeeButNotChangeIt()
    {
        foreach (var who in new[] { Person("legal.adviser@un.example"), Person(TestStaff.President) })
        {
            Assert.Null(StaffAccess.RefuseRead(who, Letter));
            Assert.NotNull(StaffAccess.RefuseChange(who, Letter));
        }
    }

    [Fact]
    public void PersonWithoutTheDrafterRole_MayNotCompose()
    {
        Assert.Contains("does not have the drafter role", StaffAccess.RefuseCompose(Person("legal.adviser@un.example")), StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterWhoLostTheRole_MayNoLongerChangeTheirLetter()
    {
        Assert.NotNull(StaffAccess.RefuseChange(Person(TestStaff.Drafter, StaffRole.Approver), Letter));
    }

    [Fact]
    public void Link_OpensOnlyForItsAddresseeWithTheNeededRole()
    {
        Assert.Null(StaffAccess.RefuseLink(Person("legal.adviser@un.example"), "Legal.Adviser@UN.example", LinkPurpose.Approval));
        Assert.Equal(
            "This link was sent to legal.adviser@un.example; sign in as legal.adviser@un.example.",
            StaffAccess.RefuseLink(Person(TestStaff.DraftingApprover), "legal.adviser@un.example", LinkPurpose.Approval));
        Assert.Contains("no longer has the signatory role", StaffAccess.RefuseLink(Person(TestStaff.President, StaffRole.Approver), TestStaff.President, LinkPurpose.Signature), StringComparison.Ordinal);
        Assert.Null(StaffAccess.RefuseLink(Person(TestStaff.President), TestStaff.President, LinkPurpose.Signature));
    }
}
