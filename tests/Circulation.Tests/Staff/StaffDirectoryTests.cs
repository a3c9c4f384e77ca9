using System.Text.Json.Nodes;
using Circulation.Staff;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Staff;

/// <summary>The staff directory's validation at start-up, and the Office shipped in the repository.</summary>
public sealed class StaffDirectoryTests
{
    private static string Json(params JsonObject[] people) => new JsonObject { ["people"] = new JsonArray([.. people]) }.ToJsonString();

    private static JsonObject Person(string email, string name, string[] roles, string? signature = null)
    {
        var person = new JsonObject { ["email"] = email, ["name"] = name, ["title"] = "Adviser", ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)r)]) };
        if (signature is not null)
        {
            person["signature"] = signature;
        }

        return person;
    }

    private static readonly JsonObject President = Person("pga@un.example", "Amina Rahman", ["signatory"], "Signatures/p.png");
    private static readonly JsonObject Drafter = Person("d@un.example", "Tomás Ibarra", ["drafter"]);

    private static StaffDirectoryException Fails(string json, Func<string, byte[]?>? images = null) =>
        Assert.Throws<StaffDirectoryException>(() => StaffDirectory.Parse(json, images ?? (_ => TestStaff.SignaturePng)));

    [Fact]
    public void Embedded_TheShippedOffice_LoadsWithASignatureForEverySignatory()
    {
        var staff = StaffDirectory.LoadEmbedded();

        Assert.True(staff.People.Count >= 10);
        Assert.All(staff.People.Where(p => p.Has(StaffRole.Signatory)), p => Assert.NotNull(p.Signature));
        Assert.Equal("President of the General Assembly", staff.Find("PGA@un.example")?.Title);
        Assert.Contains(staff.People, p => p.Has(StaffRole.Admin));
        Assert.Contains(staff.People, p => p.Has(StaffRole.Approver));
    }

    [Fact]
    public void SignatoryWithoutAnImage_StopsStartUpNamingThem()
    {
        var error = Fails(Json(Person("pga@un.example", "Amina Rahman", ["signatory"]), Drafter.DeepClone().AsObject()));

        Assert.Contains("Amina Rahman is a signatory but has no \"signature\" image", error.Message, StringComparison.Ordinal);
        Assert.Contains("pga@un.example", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SignatureImageThatIsMissingOrNotAPng_StopsStartUp()
    {
        Assert.Contains("does not exist", Fails(Json(President.DeepClone().AsObject(), Drafter.DeepClone().AsObject()), _ => null).Message, StringComparison.Ordinal);
        Assert.Contains("is not a PNG", Fails(Json(President.DeepClone().AsObject(), Drafter.DeepClone().AsObject()), _ => "GIF89a"u8.ToArray()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../secrets/key.png")]
    [InlineData("/etc/passwd")]
    public void SignaturePathOutsideTheDirectoryFolder_StopsStartUp(string path)
    {
        Assert.Contains("must be a path inside", Fails(Json(Person("pga@un.example", "Amina Rahman", ["signatory"], path), Drafter.DeepClone().AsObject())).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateAddressUnknownRoleAndBadEmail_AreEachNamed()
    {
        var error = Fails(Json(
            President.DeepClone().AsObject(),
            Drafter.DeepClone().AsObject(),
            Person("D@un.example", "Someone", ["drafter"]),
            Person("x@un.example", "Other", ["emperor"]),
            Person("not-an-address", "Nobody", ["drafter"])));

        Assert.Contains("the address D@un.example is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown role \"emperor\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("people[4] (not-an-address): \"email\" must be an e-mail address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameWithAnInvisibleOverride_StopsStartUpNamingTheCharacter_AndDecomposedAccentsAreComposed()
    {
        var error = Fails(Json(Person("pga@un.example", "Amina \u202ERahman", ["signatory"], "Signatures/p.png"), Drafter.DeepClone().AsObject()));
        var staff = StaffDirectory.Parse(Json(President.DeepClone().AsObject(), Person("d@un.example", "Toma\u0301s Ibarra", ["drafter"])), _ => TestStaff.SignaturePng);

        Assert.Contains("people[0] (pga@un.example): 'name', character 7: an invisible right-to-left override (U+202E) after 'Amina '", error.Message, StringComparison.Ordinal);
        Assert.Equal("Tomás Ibarra", staff.Find("d@un.example")?.Name);
    }

    [Fact]
    public void NoSignatoryOrNoDrafter_StopsStartUp()
    {
        Assert.Contains("Nobody has the role \"signatory\"", Fails(Json(Drafter.DeepClone().AsObject())).Message, StringComparison.Ordinal);
        Assert.Contains("Nobody has the role \"drafter\"", Fails(Json(President.DeepClone().AsObject())).Message, StringComparison.Ordinal);
        Assert.Contains("lists nobody", Fails("""{"people": []}""").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_IgnoresCaseAndSurroundingSpace()
    {
        var staff = StaffDirectory.Parse(Json(President.DeepClone().AsObject(), Drafter.DeepClone().AsObject()), _ => TestStaff.SignaturePng);

        Assert.Equal("Amina Rahman", staff.Find("  PGA@UN.example ")?.Name);
        Assert.Null(staff.Find("someone@un.example"));
        Assert.Null(staff.Find(null));
    }
}
