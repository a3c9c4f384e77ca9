namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>People of the shipped staff directory (functions/Circulation/Staff/staff.json) the tests sign in as.</summary>
internal static class TestPeople
{
    /// <summary>The drafter every fixture's client signs in as.</summary>
    public const string Drafter = "drafting.officer@un.example";

    /// <summary>Another drafter, whose letters the first may not touch.</summary>
    public const string OtherDrafter = "policy.officer@un.example";

    /// <summary>The Office manager: admin (sees and changes every letter) and drafter.</summary>
    public const string Admin = "office.manager@un.example";

    /// <summary>The President: the signatory.</summary>
    public const string Signatory = "pga@un.example";

    /// <summary>The approvers, in the order letters name them.</summary>
    public static readonly string[] Approvers =
        ["chef.de.cabinet@un.example", "legal.adviser@un.example", "senior.adviser@un.example", "deputy.chef@un.example", "spokesperson@un.example"];

    /// <summary>An address no one in the directory has.</summary>
    public const string Stranger = "visitor@elsewhere.example";
}
