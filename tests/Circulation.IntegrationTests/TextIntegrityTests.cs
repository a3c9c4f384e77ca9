using System.Net;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// Text integrity over HTTP on the local stack, one case per printed field and one per route (the full catalogue of
/// characters x fields is in the parser's unit tests): hidden characters and enclosed letters in the name of the
/// Office's own signatories are refused with a 400 whose words name the field, the place and the character, and
/// nothing is stored.
/// </summary>
[Collection(Collections.Input)]
public sealed class TextIntegrityTests(InputHostFixture fixture)
{
    private const string AnyDocumentId = "46b60597138bdb7217a5f703b39c669b989ddb12375f98fc7fd59117a001ce9a";

    [Theory]
    [InlineData("subject", "'subject', character 9: an invisible right-to-left override (U+202E) after 'Article '")]
    [InlineData("body", "'body', paragraph 2: an invisible right-to-left override (U+202E) after 'The meeting on '")]
    [InlineData("enclosures[0].body", "'enclosures[0].body', paragraph 1: an invisible zero-width space (U+200B) after 'We have the '")]
    [InlineData("enclosures[0].signatories[0].name", "'enclosures[0].signatories[0].name', character 8: an invisible right-to-left isolate (U+2067) after 'Giorgi '")]
    [InlineData("enclosures[0].signatories[0].title", "'enclosures[0].signatories[0].title', character 9: an invisible tag character (U+E0041) after 'Co-Chair'")]
    [InlineData("enclosures[1].title", "'enclosures[1].title', character 1: an invisible byte order mark (U+FEFF) at the start, before 'Programme'")]
    public async Task LetterWithAHiddenCharacterInAPrintedField_Returns400NamingFieldPlaceAndCharacter_AndStoresNothing(string field, string expected)
    {
        var letter = Letter(TestLetters.NewTag("Hidden"), field);

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        AssertRefused(response, field, expected);
    }

    [Fact]
    public async Task LetterWithHalfASurrogatePairEscapedInTheJson_Returns400NamingTheField_AndStoresNothing()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Surrogate"));
        letter["subject"] = "Article HALF51";
        string json = JsonSerializer.Serialize(letter).Replace("HALF", "\\uD800", StringComparison.Ordinal);

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(json));

        AssertRefused(response, "subject", "'subject' contains a broken character: half of a UTF-16 surrogate pair");
    }

    [Theory]
    [InlineData("api/drafts")]
    [InlineData("api/preview")]
    public async Task DraftOrPreviewWithAHiddenCharacter_Returns400_AndStoresNothing(string path)
    {
        string json = JsonSerializer.Serialize(Letter(TestLetters.NewTag("Hidden"), "body"));

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.SendJsonAsync(HttpMethod.Post, path, json));

        AssertRefused(response, "body", "'body', paragraph 2: an invisible right-to-left override (U+202E)");
    }

    [Fact]
    public async Task EditWithAHiddenCharacter_Returns400_AndTheLetterStaysAtItsVersion()
    {
        string tag = TestLetters.NewTag("HiddenEdit");
        string id = await fixture.Api.CreateDraftAsync(TestLetters.Valid(tag));

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UpdateLetterAsync(id, Letter(tag, "subject"), basedOn: 1));

        AssertRefused(response, "subject", "'subject', character 9: an invisible right-to-left override (U+202E)");
        var versions = await fixture.Api.ListVersionsAsync(id);
        Assert.Equal([(1, TestLetters.Subject(tag))], versions.Select(v => (v.Version, v.Subject)));
    }

    [Fact]
    public async Task UploadWithAHiddenCharacterInTheFileName_Returns400NamingIt_AndStoresNothing()
    {
        byte[] pdf = TestPdfs.Create(1, $"HIDDEN-{Guid.NewGuid():N}");

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UploadDocumentAsync(pdf, "programme\u202Efdp.pdf"));

        AssertRefused(response, "name", "'name', character 10: an invisible right-to-left override (U+202E) after 'programme'");
    }

    // In Latin letters; and with Cyrillic а (U+0430) and е (U+0435), which print exactly as the President's name and title.
    [Theory]
    [InlineData("Amina Rahman", "President of the General Assembly")]
    [InlineData("\u0410mina R\u0430hman", "Presid\u0435nt of the G\u0435neral Assembly")]
    public async Task LetterEnclosingALetterInThePresidentsName_Returns400InPlainWords_AndStoresNothing(string name, string title)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("InHerName"));
        letter["signatory"] = "vice.president@un.example";
        letter["enclosures"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["kind"] = "letter",
                ["body"] = "I have the honour to confirm the arrangements.",
                ["signatories"] = new[] { new { name, title } },
            },
        };

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        AssertRefused(
            response,
            "enclosures[0].signatories[0]",
            "'enclosures[0].signatories[0]': Amina Rahman (President of the General Assembly) is a signatory of the Office; a letter in their name must be signed by them through Circulation, not enclosed. Enclose it as a document instead, or ask them to sign it.");
    }

    /// <summary>A valid letter with an enclosed letter and document, and one hidden character in <paramref name="field"/>.</summary>
    private static Dictionary<string, object?> Letter(string tag, string field)
    {
        var letter = TestLetters.Valid(tag);
        var enclosedSignatory = new Dictionary<string, object?> { ["name"] = "Giorgi Beridze", ["title"] = "Co-Chair" };
        var enclosedLetter = new Dictionary<string, object?> { ["kind"] = "letter", ["body"] = "We have the honour to write.", ["signatories"] = new[] { enclosedSignatory } };
        var document = new Dictionary<string, object?> { ["kind"] = "document", ["documentId"] = AnyDocumentId, ["title"] = "Programme" };
        letter["enclosures"] = new object[] { enclosedLetter, document };
        switch (field)
        {
            case "subject": letter["subject"] = "Article \u202E51\u202C of the Charter"; break;
            case "body": letter["body"] = "Excellency,\n\nThe meeting on \u202E12\u202C March will consider Article \u202E51\u202C."; break;
            case "enclosures[0].body": enclosedLetter["body"] = "We have the \u200Bhonour to write."; break;
            case "enclosures[0].signatories[0].name": enclosedSignatory["name"] = "Giorgi \u2067Beridze"; break;
            case "enclosures[0].signatories[0].title": enclosedSignatory["title"] = "Co-Chair\U000E0041"; break;
            case "enclosures[1].title": document["title"] = "\uFEFFProgramme"; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a printed field.");
        }

        return letter;
    }

    private static void AssertRefused(PageResponse response, string field, string expected)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.StartsWith(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(expected, response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
