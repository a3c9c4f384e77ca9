using Circulation.Missions;
using Xunit;

namespace Circulation.Tests.Missions;

public class MissionDirectoryTests
{
    private const string ValidEntries = """
        {"id": "fra", "name": "France", "category": "MemberState", "email": "pr.fra@missions.example", "headTitle": "Permanent Representative", "language": "French", "missionName": "Mission permanente de la France"},
        {"id": "civ", "name": "Côte d'Ivoire", "category": "MemberState", "email": "pr.civ@missions.example", "headTitle": "Permanent Representative", "language": "French", "missionName": "Mission permanente de la Côte d'Ivoire"},
        {"id": "vat", "name": "Holy See", "category": "ObserverState", "email": "observer.vat@missions.example", "headTitle": "Permanent Observer", "language": "English"},
        {"id": "au", "name": "African Union", "category": "ObserverOrganization", "email": "observer.au@missions.example", "headTitle": "Permanent Observer", "language": "English"}
        """;

    private static readonly MissionDirectory Embedded = MissionDirectory.LoadEmbedded();

    private static string Entry(string id, string name = "Somewhere", string category = "MemberState", string? email = null) =>
        $$"""{"id": "{{id}}", "name": "{{name}}", "category": "{{category}}", "email": "{{email ?? $"pr.{id}@missions.example"}}", "headTitle": "Permanent Representative", "language": "English"}""";

    private static MissionDirectoryException ParseFails(params string[] entries) =>
        Assert.Throws<MissionDirectoryException>(() => MissionDirectory.Parse("[" + string.Join(",", entries) + "]"));

    [Fact]
    public void LoadEmbedded_HasAll193MemberStates()
    {
        Assert.Equal(193, Embedded.All.Count(m => m.Category == MissionCategory.MemberState));
    }

    [Fact]
    public void LoadEmbedded_HasExactlyTwoObserverStates_HolySeeAndPalestine()
    {
        var observerStates = Embedded.All.Where(m => m.Category == MissionCategory.ObserverState).Select(m => m.Id).Order(StringComparer.Ordinal);
        Assert.Equal(["pse", "vat"], observerStates);
        Assert.Equal("Holy See", Embedded.Find("vat")?.Name);
        Assert.Equal("State of Palestine", Embedded.Find("pse")?.Name);
    }

    [Fact]
    public void LoadEmbedded_HasAboutFortyObserverOrganizations()
    {
        var organizations = Embedded.All.Count(m => m.Category == MissionCategory.ObserverOrganization);
        Assert.InRange(organizations, 35, 60);
        foreach (var id in new[] { "au", "eu", "las", "oic", "icrc", "ifrc", "ipu", "oif", "icc", "idlo" })
        {
            Assert.Equal(MissionCategory.ObserverOrganization, Embedded.Find(id)?.Category);
        }
    }

    [Theory]
    [InlineData("civ", "Côte d'Ivoire")]
    [InlineData("tur", "Türkiye")]
    [InlineData("bol", "Bolivia (Plurinational State of)")]
    [InlineData("prk", "Democratic People's Republic of Korea")]
    [InlineData("nld", "Netherlands (Kingdom of the)")]
    [InlineData("gbr", "United Kingdom of Great Britain and Northern Ireland")]
    [InlineData("vnm", "Viet Nam")]
    public void LoadEmbedded_UsesOfficialShortNames_IncludingDiacritics(string id, string expectedName)
    {
        var mission = Embedded.Find(id);
        Assert.NotNull(mission);
        Assert.Equal(expectedName, mission.Name);
        Assert.Equal(MissionCategory.MemberState, mission.Category);
    }

    [Fact]
    public void LoadEmbedded_EveryAddressIsOnMissionsExample()
    {
        Assert.All(Embedded.All, m => Assert.EndsWith("@missions.example", m.Email, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadEmbedded_HeadTitlesMatchCategory()
    {
        Assert.All(Embedded.All, m => Assert.Equal(
            m.Category == MissionCategory.MemberState ? "Permanent Representative" : "Permanent Observer",
            m.HeadTitle));
    }

    [Fact]
    public void LoadEmbedded_LanguagesAreWorkingLanguages()
    {
        Assert.All(Embedded.All, m => Assert.Contains(m.Language, new[] { "English", "French", "Spanish" }));
        Assert.Equal("French", Embedded.Find("fra")?.Language);
        Assert.Equal("Spanish", Embedded.Find("mex")?.Language);
    }

    [Fact]
    public void LoadEmbedded_EveryFrenchAndSpanishMissionHasItsNameInThatLanguage()
    {
        Assert.All(Embedded.All.Where(m => m.WritesIn == CorrespondenceLanguage.French), m => Assert.StartsWith("Mission permanente d", m.MissionName, StringComparison.Ordinal));
        Assert.All(Embedded.All.Where(m => m.WritesIn == CorrespondenceLanguage.Spanish), m => Assert.StartsWith("Misión Permanente de", m.MissionName, StringComparison.Ordinal));
        Assert.All(Embedded.All.Where(m => m.Category != MissionCategory.MemberState && m.MissionName is not null), m => Assert.Matches("^(Mission permanente d'observation|Misión Permanente de Observación) ", m.MissionName));
        Assert.Equal("Mission permanente de la Côte d'Ivoire", Embedded.Find("civ")?.MissionName);
        Assert.Equal("Misión Permanente de México", Embedded.Find("mex")?.MissionName);
    }

    [Fact]
    public void Lists_AreTheTwoCirculationLists_WithTheirAddresseeBlocks()
    {
        Assert.Collection(
            Embedded.Lists,
            l =>
            {
                Assert.Equal("permanent-representatives", l.Id);
                Assert.Equal("All Permanent Representatives", l.Name);
                Assert.Equal(["All Permanent Representatives to the United Nations", "New York"], l.AddresseeLines);
            },
            l =>
            {
                Assert.Equal("permanent-representatives-and-observers", l.Id);
                Assert.Equal("All Permanent Representatives and Permanent Observers", l.Name);
                Assert.Equal(["All Permanent Representatives and Permanent Observers to the United Nations", "New York"], l.AddresseeLines);
            });
    }

    [Fact]
    public void PermanentRepresentativesList_HasExactly193Members()
    {
        Assert.True(Embedded.TryGetList("permanent-representatives", out var list));
        Assert.Equal(193, list.MemberCount);
        var members = Embedded.MembersOf("permanent-representatives");
        Assert.Equal(193, members.Count);
        Assert.All(members, m => Assert.Equal(MissionCategory.MemberState, m.Category));
    }

    [Fact]
    public void ObserversList_AddsHolySeePalestineAndOrganizations()
    {
        var everyone = Embedded.MembersOf("permanent-representatives-and-observers");
        Assert.True(Embedded.TryGetList("permanent-representatives-and-observers", out var list));
        Assert.Equal(everyone.Count, list.MemberCount);
        Assert.Equal(Embedded.All.Count, everyone.Count);
        Assert.Contains(everyone, m => m.Id == "vat");
        Assert.Contains(everyone, m => m.Id == "pse");
        Assert.Contains(everyone, m => m.Id == "au");
        Assert.True(everyone.Count > 193 + 2);
    }

    [Fact]
    public void MembersOf_OrdersMemberStatesByNameThenObserverStatesThenOrganizations()
    {
        var everyone = Embedded.MembersOf("permanent-representatives-and-observers");
        var categories = everyone.Select(m => m.Category).ToArray();
        Assert.Equal(categories.Order(), categories);

        var memberNames = everyone.Where(m => m.Category == MissionCategory.MemberState).Select(m => m.Name).ToList();
        Assert.Equal("Afghanistan", memberNames[0]);
        Assert.Equal("Zimbabwe", memberNames[^1]);
        Assert.True(memberNames.IndexOf("Costa Rica") < memberNames.IndexOf("Côte d'Ivoire"));
        Assert.True(memberNames.IndexOf("Côte d'Ivoire") < memberNames.IndexOf("Croatia"));
        Assert.True(memberNames.IndexOf("Tunisia") < memberNames.IndexOf("Türkiye"));
        Assert.True(memberNames.IndexOf("Türkiye") < memberNames.IndexOf("Turkmenistan"));
    }

    [Fact]
    public void EmbeddedFile_IsAlreadyInDirectoryOrder()
    {
        using var stream = typeof(MissionDirectory).Assembly.GetManifestResourceStream(MissionDirectory.EmbeddedResourceName);
        Assert.NotNull(stream);
        using var document = System.Text.Json.JsonDocument.Parse(stream);
        var fileOrder = document.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToArray();
        Assert.Equal(Embedded.All.Select(m => m.Id), fileOrder);
    }

    [Fact]
    public void MembersOf_UnknownList_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Embedded.MembersOf("nobody"));
    }

    [Fact]
    public void TryGetList_UnknownList_ReturnsFalse()
    {
        Assert.False(Embedded.TryGetList("nobody", out var list));
        Assert.Null(list);
    }

    [Fact]
    public void Find_UnknownMission_ReturnsNull()
    {
        Assert.Null(Embedded.Find("xyz"));
    }

    [Fact]
    public void Parse_ValidJson_PreservesDiacriticsAndOrdersByCategory()
    {
        var directory = MissionDirectory.Parse("[" + ValidEntries + "]");
        Assert.Equal(["civ", "fra", "vat", "au"], directory.All.Select(m => m.Id));
        Assert.Equal("Côte d'Ivoire", directory.Find("civ")?.Name);
        Assert.Equal("Mission permanente de la Côte d'Ivoire", directory.Find("civ")?.MissionName);
        Assert.Null(directory.Find("vat")?.MissionName);
        Assert.Equal(2, directory.MembersOf("permanent-representatives").Count);
        Assert.Equal(4, directory.MembersOf("permanent-representatives-and-observers").Count);
    }

    [Fact]
    public void Parse_DuplicateIds_ReportsTheDuplicate()
    {
        var ex = ParseFails(Entry("fra"), Entry("fra", email: "other.fra@missions.example"));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("duplicate id 'fra'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateEmails_ReportsTheDuplicate()
    {
        var ex = ParseFails(Entry("fra"), Entry("deu", email: "PR.FRA@missions.example"));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("duplicate e-mail", problem, StringComparison.Ordinal);
        Assert.Contains("'deu'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("pr.fra@localhost")]
    [InlineData("France <pr.fra@missions.example>")]
    [InlineData(" pr.fra@missions.example")]
    [InlineData("pr.fra@@missions.example")]
    [InlineData("")]
    public void Parse_MalformedEmail_ReportsTheMission(string email)
    {
        var ex = ParseFails(Entry("fra", email: email));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("'fra'", problem, StringComparison.Ordinal);
        Assert.Contains("malformed e-mail", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_EmptyName_IsRejected(string name)
    {
        var ex = ParseFails(Entry("fra", name: name));
        Assert.Contains(ex.Problems, p => p.Contains("name is empty", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FRA")]
    [InlineData("f")]
    [InlineData("fra_1")]
    [InlineData("an-identifier-far-too-long")]
    public void Parse_BadId_IsRejected(string id)
    {
        var ex = ParseFails(Entry(id, email: "pr.x@missions.example"));
        Assert.Contains(ex.Problems, p => p.Contains("does not match", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Member")]
    [InlineData("memberstate")]
    [InlineData("1")]
    public void Parse_UnknownCategory_IsRejected(string category)
    {
        var ex = ParseFails(Entry("fra", category: category));
        Assert.Contains(ex.Problems, p => p.Contains("unknown category", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllOfThemInTheMessage()
    {
        var ex = ParseFails(
            Entry("fra"),
            Entry("fra", email: "x.fra@missions.example"),
            Entry("BAD", email: "b@missions.example"),
            Entry("deu", name: ""),
            Entry("ita", email: "nope"),
            Entry("esp", category: "Kingdom"));
        Assert.Equal(5, ex.Problems.Count);
        Assert.All(ex.Problems, p => Assert.Contains(p, ex.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("French")]
    [InlineData("Spanish")]
    public void Parse_FrenchOrSpanishMissionWithoutItsName_IsRejected(string language)
    {
        string entry = Entry("fra").Replace("\"language\": \"English\"", $"\"language\": \"{language}\"", StringComparison.Ordinal);

        var ex = ParseFails(entry);

        var problem = Assert.Single(ex.Problems);
        Assert.Contains("'fra'", problem, StringComparison.Ordinal);
        Assert.Contains("missionName is empty", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissionOfAnotherLanguage_NeedsNoMissionName_AndIsWrittenToInEnglish()
    {
        var directory = MissionDirectory.Parse("[" + Entry("fra").Replace("\"English\"", "\"Arabic\"", StringComparison.Ordinal) + "]");

        Assert.Equal(CorrespondenceLanguage.English, directory.Find("fra")?.WritesIn);
        Assert.Null(directory.Find("fra")?.MissionName);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("not json")]
    public void Parse_WrongShape_IsRejected(string json)
    {
        var ex = Assert.Throws<MissionDirectoryException>(() => MissionDirectory.Parse(json));
        Assert.NotEmpty(ex.Problems);
    }
}
