using System.Text;
using System.Text.Json.Nodes;
using Circulation.Drafting;
using Circulation.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.Tests.Drafting;

/// <summary>Bodies written to make the Markdown parser choke: each gets an error naming the field, never an exception.</summary>
public sealed class LetterDraftParserHostileBodyTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly string[] KnownLists = ["permanent-representatives"];

    public static TheoryData<string> HostileBodies() =>
    [
        "brackets-open",
        "brackets-balanced",
        "brackets-link-openers",
        "asterisks",
        "emphasis-pairs",
        "emphasis-nested",
        "underscores-mixed",
        "block-quotes",
        "list-markers",
        "nested-lists",
        "angle-brackets",
        "backticks",
        "html-openers",
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void TryParse_BodyTheParserChokesOn_IsAnErrorNamingTheBody(string kind)
    {
        string body = Body(kind);
        var json = new JsonObject
        {
            ["subject"] = "Hostile body",
            ["body"] = body,
            ["signatory"] = TestStaff.President,
            ["approvers"] = new JsonArray(TestStaff.DraftingApprover),
            ["distributionList"] = "permanent-representatives",
        };

        var draft = LetterDraftParser.TryParse(json.ToJsonString(), Today, KnownLists, TestStaff.Directory, TestStaff.Drafter, out var errors);

        Assert.Null(draft);
        var error = Assert.Single(errors);
        Assert.Equal("body", error.Field);
        output.WriteLine($"{kind} ({body.Length} characters): {error.Message}");
    }

    private static string Body(string kind) => kind switch
    {
        "brackets-open" => new string('[', 28_000),
        "brackets-balanced" => new string('[', 14_000) + new string(']', 14_000),
        "brackets-link-openers" => Repeat("[a](", 7_000),
        "asterisks" => "Text " + new string('*', 28_000) + " text",
        "emphasis-pairs" => Repeat("*a ", 9_000),
        "emphasis-nested" => Repeat("*_", 7_000) + "x" + Repeat("_*", 7_000),
        "underscores-mixed" => Repeat("_a*", 9_000),
        "block-quotes" => new string('>', 28_000) + " text",
        "list-markers" => Repeat("- ", 14_000) + "text",
        // Within the mark limit, one marker a line: Markdig's own nesting limit stops it, and that is caught.
        "nested-lists" => string.Concat(Enumerable.Range(0, 110).Select(i => new string(' ', i * 2) + "- item\n")),
        "angle-brackets" => Repeat("<a ", 9_000),
        "backticks" => Repeat("`", 28_000),
        "html-openers" => Repeat("<!--", 7_000),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No such body."),
    };

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();
}
