using System.Net;
using System.Text;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// POST /api/letters refuses bad input with a status and a message naming the field, and stores nothing:
/// no letter appears in GET /api/letters and no blob appears in the host's container.
/// </summary>
[Collection(Collections.Input)]
public sealed class LetterInputTests(InputHostFixture fixture)
{
    [Theory]
    [InlineData("subject-missing", "subject")]
    [InlineData("subject-null", "subject")]
    [InlineData("subject-two-lines", "subject")]
    [InlineData("subject-too-long", "subject")]
    [InlineData("body-empty", "body")]
    [InlineData("body-blank", "body")]
    [InlineData("body-not-a-string", "body")]
    [InlineData("approver-not-an-email", "approvers[0]")]
    [InlineData("second-approver-not-an-email", "approvers[1]")]
    [InlineData("approver-repeated", "approvers[1]")]
    [InlineData("approvers-empty", "approvers")]
    [InlineData("approvers-missing", "approvers")]
    [InlineData("approvers-a-string", "approvers")]
    [InlineData("distribution-list-unknown", "distributionList")]
    [InlineData("signatory-email-malformed", "signatory.email")]
    [InlineData("signatory-not-in-the-directory", "signatory")]
    [InlineData("signatory-without-the-role", "signatory")]
    [InlineData("signatory-with-another-printed-name", "signatory")]
    [InlineData("signatory-missing", "signatory")]
    [InlineData("approver-not-in-the-directory", "approvers[0]")]
    [InlineData("approver-without-the-role", "approvers[0]")]
    [InlineData("drafter-someone-else", "drafter")]
    [InlineData("date-malformed", "date")]
    [InlineData("unknown-field", "colour")]
    [InlineData("body-with-a-heading", "body")]
    [InlineData("body-with-html", "body")]
    [InlineData("enclosed-signatory-name-in-arabic", "enclosures[0].signatories[0].name")]
    [InlineData("enclosure-body-with-a-link", "enclosures[0].body")]
    [InlineData("enclosure-with-five-signatories", "enclosures[0].signatories")]
    [InlineData("enclosure-of-unknown-kind", "enclosures[0].kind")]
    public async Task LetterWithBadField_Returns400NamingTheField_AndStoresNothing(string problem, string field)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Bad"));
        switch (problem)
        {
            case "subject-missing": letter.Remove("subject"); break;
            case "subject-null": letter["subject"] = null; break;
            case "subject-two-lines": letter["subject"] = "First line\nSecond line"; break;
            case "subject-too-long": letter["subject"] = new string('S', 201); break;
            case "body-empty": letter["body"] = ""; break;
            case "body-blank": letter["body"] = " \n\n  "; break;
            case "body-not-a-string": letter["body"] = 42; break;
            case "approver-not-an-email": letter["approvers"] = new[] { "not-an-email" }; break;
            case "second-approver-not-an-email": letter["approvers"] = new[] { TestPeople.Approvers[0], "bad@" }; break;
            case "approver-repeated": letter["approvers"] = new[] { TestPeople.Approvers[0], TestPeople.Approvers[0].ToUpperInvariant() }; break;
            case "approvers-empty": letter["approvers"] = Array.Empty<string>(); break;
            case "approvers-missing": letter.Remove("approvers"); break;
            case "approvers-a-string": letter["approvers"] = "a@un.example"; break;
            case "distribution-list-unknown": letter["distributionList"] = "all-the-world"; break;
            case "signatory-email-malformed": letter["signatory"] = new Dictionary<string, object?> { ["email"] = "pga at un.example" }; break;
            case "signatory-not-in-the-directory": letter["signatory"] = TestPeople.Stranger; break;
            case "signatory-without-the-role": letter["signatory"] = TestPeople.Approvers[0]; break;
            case "signatory-with-another-printed-name":
                letter["signatory"] = new Dictionary<string, object?> { ["name"] = "Someone Else", ["title"] = "President of the General Assembly", ["email"] = TestPeople.Signatory };
                break;
            case "signatory-missing": letter.Remove("signatory"); break;
            case "approver-not-in-the-directory": letter["approvers"] = new[] { TestPeople.Stranger }; break;
            case "approver-without-the-role": letter["approvers"] = new[] { TestPeople.OtherDrafter }; break;
            case "drafter-someone-else": letter["drafter"] = TestPeople.OtherDrafter; break;
            case "date-malformed": letter["date"] = "25/11/2026"; break;
            case "unknown-field": letter["colour"] = "blue"; break;
            case "body-with-a-heading": letter["body"] = "# Programme\n\nThe meeting will be held on 12 March."; break;
            case "body-with-html": letter["body"] = "The meeting will be held on <b>12 March</b>."; break;
            case "enclosed-signatory-name-in-arabic":
                letter["enclosures"] = new[]
                {
                    new Dictionary<string, object?> { ["kind"] = "letter", ["body"] = "We have the honour to write.", ["signatories"] = new[] { new { name = "أمينة رحمن", title = "Ambassador" } } },
                };
                break;
            case "enclosure-body-with-a-link": letter["enclosures"] = new[] { EnclosedLetter("See [the programme](https://un.org/programme).", 1) }; break;
            case "enclosure-with-five-signatories": letter["enclosures"] = new[] { EnclosedLetter("We have the honour to write.", 5) }; break;
            case "enclosure-of-unknown-kind": letter["enclosures"] = new[] { new Dictionary<string, object?> { ["kind"] = "annex" } }; break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "No such case.");
        }

        var response = await this.PostAndAssertNothingStoredAsync(JsonSerializer.Serialize(letter));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var body = response.Json;
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (Field: e.GetProperty("field").GetString()!, Message: e.GetProperty("message").GetString()!)).ToList();
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.True(
            error.Message.Contains(field, StringComparison.Ordinal) || error.Message.Contains(Humanize(field), StringComparison.OrdinalIgnoreCase),
            $"The message does not name '{field}': {error.Message}");
        Assert.Contains(error.Message, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralBadFields_AreAllNamedInOneAnswer()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Bad"));
        letter.Remove("subject");
        letter["approvers"] = new[] { "nobody" };
        letter["drafter"] = TestPeople.OtherDrafter;
        var response = await this.PostAndAssertNothingStoredAsync(JsonSerializer.Serialize(letter));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var fields = response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!);
        Assert.Equal(["approvers[0]", "drafter", "subject"], fields.Order(StringComparer.Ordinal));
        Assert.Equal("https://circulation.un.org/problems/invalid-fields", response.Json.GetProperty("type").GetString());
        Assert.Equal("Some fields were not accepted", response.Json.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("{\"subject\": \"Unclosed\", ")]
    [InlineData("subject=Hello")]
    [InlineData("")]
    public async Task MalformedJson_Returns400SayingTheBodyIsNotJson_AndStoresNothing(string body)
    {
        var response = await this.PostAndAssertNothingStoredAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("not valid JSON", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonArrayInsteadOfObject_Returns400_AndStoresNothing()
    {
        var response = await this.PostAndAssertNothingStoredAsync("[1, 2, 3]");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("must be a JSON object", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task WrongContentType_Returns415_AndStoresNothing(string contentType)
    {
        string valid = JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("Bad")));
        var response = await this.PostAndAssertNothingStoredAsync(valid, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Contains("application/json", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://circulation.un.org/problems/unsupported-content-type", response.Json.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OversizedBody_Returns413_AndStoresNothing(bool withContentLength)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Big"));
        letter["body"] = new string('x', 300 * 1024);
        byte[] bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(letter));

        var response = await fixture.AssertNothingStoredAsync(
            () => fixture.Api.PostBytesAsync("api/letters", bytes, "application/json", sendLength: withContentLength));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("larger than 256 KB", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private Task<PageResponse> PostAndAssertNothingStoredAsync(string body, string contentType = "application/json") =>
        fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(body, contentType));

    private static Dictionary<string, object?> EnclosedLetter(string body, int signatories) => new(StringComparer.Ordinal)
    {
        ["kind"] = "letter",
        ["body"] = body,
        ["signatories"] = Enumerable.Range(1, signatories).Select(i => new { name = $"Co-Chair {i}", title = "Ambassador" }).ToArray(),
    };

    /// <summary>"distributionList" as prose: "distribution list".</summary>
    private static string Humanize(string field) =>
        string.Concat(field.Select(c => char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

}
