using System.Text.Json.Nodes;
using Circulation.Staff;

namespace Circulation.Tests.TestSupport;

/// <summary>A small staff directory for parser and policy tests: a President, approvers and drafters.</summary>
internal static class TestStaff
{
    /// <summary>The drafter the tests sign in as.</summary>
    public const string Drafter = "drafter@un.example";

    /// <summary>A person who may both draft and approve (for the self-approval case).</summary>
    public const string DraftingApprover = "chief.of.staff@un.example";

    /// <summary>The President (signatory).</summary>
    public const string President = "president@un.example";

    /// <summary>A 1x1 PNG standing in for a handwritten signature.</summary>
    public static readonly byte[] SignaturePng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>The directory.</summary>
    public static StaffDirectory Directory { get; } = Create();

    private static StaffDirectory Create()
    {
        var people = new JsonArray
        {
            Person(President, "Amina Rahman", "President of the General Assembly", ["signatory"], "Signatures/president.png"),
            Person(DraftingApprover, "Jean-Baptiste Mensah", "Chef de Cabinet", ["approver", "drafter"]),
            Person("legal.adviser@un.example", "Mariana Duarte", "Legal Adviser", ["approver"]),
            Person(Drafter, "Tomás Ibarra", "Drafting Officer", ["drafter"]),
        };
        for (int i = 1; i <= 12; i++)
        {
            people.Add(Person($"approver{i}@un.example", $"Approver {i}", "Adviser", ["approver"]));
        }

        return StaffDirectory.Parse(new JsonObject { ["people"] = people }.ToJsonString(), _ => SignaturePng);
    }

    private static JsonObject Person(string email, string name, string title, string[] roles, string? signature = null)
    {
        var person = new JsonObject { ["email"] = email, ["name"] = name, ["title"] = title, ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]) };
        if (signature is not null)
        {
            person["signature"] = signature;
        }

        return person;
    }
}
