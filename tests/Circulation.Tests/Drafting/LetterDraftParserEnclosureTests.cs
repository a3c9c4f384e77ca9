using System.Text.Json.Nodes;
using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Drafting;

/// <summary>The parser's rules for enclosures, the Markdown subset of bodies and the scripts letters can print.</summary>
public sealed class LetterDraftParserEnclosureTests
{
    private const string DocumentId = "46b60597138bdb7217a5f703b39c669b989ddb12375f98fc7fd59117a001ce9a";
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly string[] KnownLists = ["permanent-representatives", "permanent-representatives-and-observers"];

    internal static JsonObject Valid() => new()
    {
        ["subject"] = "Intergovernmental negotiations on Security Council reform",
        ["date"] = "2026-11-23",
        ["body"] = "I have the honour to transmit herewith a letter from the Co-Chairs.",
        ["signatory"] = TestStaff.President,
        ["approvers"] = new JsonArray(TestStaff.DraftingApprover),
        ["distributionList"] = "permanent-representatives",
        ["drafter"] = "drafter@un.example",
        ["enclosures"] = new JsonArray(
            new JsonObject
            {
                ["kind"] = "letter",
                ["date"] = "2026-11-20",
                ["body"] = "We have the honour to write to you as Co-Chairs.",
                ["signatories"] = new JsonArray(
                    new JsonObject { ["name"] = "Giorgi Beridze", ["title"] = "Ambassador and Permanent Representative of Georgia", ["email"] = "pr.georgia@missions.example" },
                    new JsonObject { ["name"] = "Ana Lucía Ferreira", ["title"] = "Ambassador and Permanent Representative of Uruguay" }),
            },
            new JsonObject { ["kind"] = "document", ["documentId"] = DocumentId, ["title"] = "Programme of the meeting" }),
    };

    private static JsonObject Enclosure(JsonObject letter, int index) => letter["enclosures"]![index]!.AsObject();

    internal static LetterDraft? Parse(JsonNode json, out IReadOnlyList<FieldError> errors) =>
        LetterDraftParser.TryParse(json.ToJsonString(), Today, KnownLists, TestStaff.Directory, TestStaff.Drafter, out errors);

    internal static FieldError FailsOn(JsonNode json, string field)
    {
        var draft = Parse(json, out var errors);

        Assert.Null(draft);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public void TryParse_LetterAndDocumentEnclosures_AreReadInOrder()
    {
        var draft = Parse(Valid(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(draft?.Enclosures);
        Assert.Collection(
            draft.Enclosures,
            first =>
            {
                var letter = Assert.IsType<EnclosedLetter>(first);
                Assert.Equal(new DateOnly(2026, 11, 20), letter.Date);
                Assert.Equal("We have the honour to write to you as Co-Chairs.", letter.Body);
                Assert.Equal(
                    [
                        new EnclosureSignatory("Giorgi Beridze", "Ambassador and Permanent Representative of Georgia", "pr.georgia@missions.example"),
                        new EnclosureSignatory("Ana Lucía Ferreira", "Ambassador and Permanent Representative of Uruguay"),
                    ],
                    letter.Signatories);
            },
            second => Assert.Equal(new EnclosedDocument(DocumentId, "Programme of the meeting"), second));
    }

    [Fact]
    public void TryParse_EnclosedLetterWithoutDate_TakesTheCoverLettersDate()
    {
        var json = Valid();
        Enclosure(json, 0).Remove("date");

        var letter = Assert.IsType<EnclosedLetter>(Parse(json, out _)?.Enclosures?[0]);

        Assert.Equal(new DateOnly(2026, 11, 23), letter.Date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("[]")]
    public void TryParse_NoEnclosures_GivesNull(string? enclosures)
    {
        var json = Valid();
        json["enclosures"] = enclosures is null ? null : JsonNode.Parse(enclosures);

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.Null(draft?.Enclosures);
    }

    [Fact]
    public void Draft_WithEnclosures_RoundTripsThroughTheArchiveJson()
    {
        var draft = Parse(Valid(), out _)!;

        var bytes = ArchiveJson.ToBytes(draft);
        var back = ArchiveJson.FromBytes<LetterDraft>(bytes);

        Assert.Contains("\"kind\": \"letter\"", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(draft.Enclosures!.Count, back.Enclosures!.Count);
        Assert.Equal(((EnclosedLetter)draft.Enclosures[0]).Signatories, ((EnclosedLetter)back.Enclosures[0]).Signatories);
        Assert.Equal(draft.Enclosures[1], back.Enclosures[1]);
    }

    [Fact]
    public void Draft_WithKindAfterTheOtherFields_StillLoads()
    {
        const string Stored = """
            {"subject": "S", "date": "2026-11-25", "body": "B", "signatory": {"name": "N", "title": "T", "email": "s@un.example"},
             "approvers": ["a@un.example"], "distributionList": "permanent-representatives", "drafter": "d@un.example",
             "enclosures": [{"documentId": "46b60597138bdb7217a5f703b39c669b989ddb12375f98fc7fd59117a001ce9a", "title": "Programme", "kind": "document"}]}
            """;

        var draft = ArchiveJson.FromBytes<LetterDraft>(System.Text.Encoding.UTF8.GetBytes(Stored));

        Assert.Equal(new EnclosedDocument(DocumentId, "Programme"), Assert.Single(draft.Enclosures!));
    }

    [Fact]
    public void Draft_StoredBeforeEnclosuresExisted_LoadsWithNone()
    {
        const string Stored = """
            {"subject": "S", "date": "2026-11-25", "body": "B", "signatory": {"name": "N", "title": "T", "email": "s@un.example"},
             "approvers": ["a@un.example"], "distributionList": "permanent-representatives", "drafter": "d@un.example"}
            """;

        var draft = ArchiveJson.FromBytes<LetterDraft>(System.Text.Encoding.UTF8.GetBytes(Stored));

        Assert.Null(draft.Enclosures);
    }

    [Fact]
    public void TryParse_EnclosuresNotAList_ErrorNamesEnclosures()
    {
        var json = Valid();
        json["enclosures"] = "programme.pdf";

        FailsOn(json, "enclosures");
    }

    [Fact]
    public void TryParse_TooManyEnclosures_ErrorNamesEnclosuresAndTheLimit()
    {
        var json = Valid();
        var many = new JsonArray();
        for (int i = 0; i <= LetterDraftParser.MaxEnclosures; i++)
        {
            many.Add(new JsonObject { ["kind"] = "document", ["documentId"] = DocumentId, ["title"] = $"Annex {i}" });
        }

        json["enclosures"] = many;

        Assert.Contains("10", FailsOn(json, "enclosures").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("annex")]
    [InlineData(null)]
    public void TryParse_UnknownKind_ErrorNamesKind(string? kind)
    {
        var json = Valid();
        Enclosure(json, 1)["kind"] = kind;

        FailsOn(json, "enclosures[1].kind");
    }

    [Fact]
    public void TryParse_EnclosureNotAnObject_ErrorNamesIt()
    {
        var json = Valid();
        json["enclosures"]![0] = "a letter";

        FailsOn(json, "enclosures[0]");
    }

    [Fact]
    public void TryParse_UnknownFieldOfADocument_ErrorNamesIt()
    {
        var json = Valid();
        Enclosure(json, 1)["body"] = "text";

        FailsOn(json, "enclosures[1].body");
    }

    [Theory]
    [InlineData("programme.pdf")]
    [InlineData("46B60597138BDB7217A5F703B39C669B989DDB12375F98FC7FD59117A001CE9A")]
    [InlineData("46b605")]
    public void TryParse_MalformedDocumentId_ErrorNamesDocumentId(string id)
    {
        var json = Valid();
        Enclosure(json, 1)["documentId"] = id;

        FailsOn(json, "enclosures[1].documentId");
    }

    [Fact]
    public void TryParse_DocumentWithoutTitle_ErrorNamesTitle()
    {
        var json = Valid();
        Enclosure(json, 1).Remove("title");

        FailsOn(json, "enclosures[1].title");
    }

    [Fact]
    public void TryParse_EnclosedLetterWithoutBody_ErrorNamesItsBody()
    {
        var json = Valid();
        Enclosure(json, 0).Remove("body");

        FailsOn(json, "enclosures[0].body");
    }

    [Fact]
    public void TryParse_EnclosedLetterWithMalformedDate_ErrorNamesItsDate()
    {
        var json = Valid();
        Enclosure(json, 0)["date"] = "20/11/2026";

        FailsOn(json, "enclosures[0].date");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void TryParse_EnclosedLetterWithNoneOrTooManySignatories_ErrorNamesSignatories(int count)
    {
        var json = Valid();
        var signatories = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            signatories.Add(new JsonObject { ["name"] = $"Co-chair {i}", ["title"] = "Ambassador" });
        }

        Enclosure(json, 0)["signatories"] = signatories;

        FailsOn(json, "enclosures[0].signatories");
    }

    [Theory]
    [InlineData("name", null)]
    [InlineData("title", "")]
    [InlineData("email", "georgia at missions")]
    [InlineData("phone", "+1 212")]
    public void TryParse_BadSignatoryOfAnEnclosedLetter_ErrorNamesTheField(string field, string? value)
    {
        var json = Valid();
        var signatory = Enclosure(json, 0)["signatories"]![0]!.AsObject();
        if (value is null)
        {
            signatory.Remove(field);
        }
        else
        {
            signatory[field] = value;
        }

        FailsOn(json, $"enclosures[0].signatories[0].{field}");
    }

    [Theory]
    [InlineData("# Heading", "a heading")]
    [InlineData("Title\n=====", "a heading")]
    [InlineData("See [the programme](https://un.org/programme).", "a link")]
    [InlineData("See <https://un.org/programme>.", "a link")]
    [InlineData("![seal](seal.png)", "an image")]
    [InlineData("<div>Excellency</div>", "HTML")]
    [InlineData("Dear <b>colleagues</b>", "HTML")]
    [InlineData("```\ncode\n```", "a code block")]
    [InlineData("Intro.\n\n    indented text", "a code block")]
    [InlineData("Run `make`.", "inline code")]
    [InlineData("> quoted", "a block quote")]
    [InlineData("Before\n\n---\n\nAfter", "a horizontal rule")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |", "a table")]
    [InlineData("See [note].\n\n[note]: https://un.org", "a link reference definition")]
    [InlineData("Text[^1].\n\n[^1]: A footnote.", "a footnote")]
    [InlineData("~~withdrawn~~ text", "strikethrough")]
    [InlineData("- one\n  - two\n    - three\n      - four", "a list nested more than 3 levels deep")]
    public void TryParse_BodyWithMarkdownLettersCannotCarry_ErrorSaysWhatIsNotAllowed(string body, string construct)
    {
        var json = Valid();
        json["body"] = body;

        var error = FailsOn(json, "body");

        Assert.Contains(construct, error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_EnclosedLetterBodyWithALink_ErrorNamesItsBody()
    {
        var json = Valid();
        Enclosure(json, 0)["body"] = "Please see [our website](https://example.org).";

        var error = FailsOn(json, "enclosures[0].body");

        Assert.Contains("a link on line 1 (write the address as plain text)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralConstructs_AreAllNamedWithTheirLines()
    {
        var json = Valid();
        json["body"] = "# Title\n\nText with `code`.\n\n> quote";

        var error = FailsOn(json, "body");

        Assert.Contains("a heading on line 1, inline code on line 3 and a block quote on line 5", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Paragraph one.\n\nParagraph *two* with **bold** and ***both***.")]
    [InlineData("Dates:\n- 27-28 February 2018, Conference Room 2;\n- 12 March 2018, Conference Room 4.")]
    [InlineData("Steps:\n\n1. first;\n2. second.\n\n3) third, a new list")]
    [InlineData("- item\n  - nested\n    - deeper")]
    [InlineData("A line ending in a backslash\\\nbreaks the line.")]
    [InlineData("Resolution 60/288, A/RES/71/1, 5 < 6 & 7 > 3, 50% of snake_case, 2 * 3 = 6.")]
    [InlineData("AT&amp;T and &copy; entities.")]
    public void TryParse_BodyInTheAllowedSubset_IsAccepted(string body)
    {
        var json = Valid();
        json["body"] = body;

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.Equal(body, draft?.Body);
    }

    [Theory]
    [InlineData("Côte d'Ivoire, Türkiye, Россия, Ελλάδα, São Tomé and Príncipe, Đắk Lắk, Łódź")]
    [InlineData("Ваше Превосходительство, Εξοχότατε")]
    public void TryParse_LatinCyrillicAndGreekText_IsAccepted(string text)
    {
        var json = Valid();
        json["body"] = text;
        json["enclosures"]![0]!["signatories"]![0]!["name"] = text.Split(',')[0];

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.Equal(text, draft?.Body);
    }

    [Fact]
    public void TryParse_DecomposedAccents_AreStoredComposed()
    {
        var json = Valid();
        json["body"] = "Co\u0302te d'Ivoire";
        json["enclosures"]![0]!["signatories"]![0]!["name"] = "Jose\u0301 Pe\u0301rez";

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.Equal("Côte d'Ivoire", draft?.Body);
        Assert.Equal("José Pérez", ((EnclosedLetter)draft!.Enclosures![0]).Signatories[0].Name);
    }

    [Theory]
    [InlineData("body", "The delegation of مصر has requested the floor.", "Arabic")]
    [InlineData("body", "שלום", "Hebrew")]
    [InlineData("body", "भारत", "Devanagari")]
    [InlineData("body", "ประเทศไทย", "Thai")]
    [InlineData("body", "中华人民共和国", "Chinese")]
    [InlineData("body", "日本国", "Chinese")]
    [InlineData("body", "대한민국", "Korean")]
    [InlineData("body", "საქართველო", "Georgian")]
    [InlineData("body", "Snow \u2603 and \U0001F600", "no glyph")]
    [InlineData("enclosures[0].signatories[0].name", "محمد عبد الله", "Arabic")]
    [InlineData("enclosures[0].signatories[0].title", "Посол 大使", "Chinese")]
    public void TryParse_TextInAScriptTheLetterCannotPrint_ErrorNamesTheFieldAndTheScript(string field, string text, string script)
    {
        var json = Valid();
        if (field == "body")
        {
            json["body"] = text;
        }
        else
        {
            json["enclosures"]![0]!["signatories"]![0]![field[(field.LastIndexOf('.') + 1)..]] = text;
        }

        var error = FailsOn(json, field);

        Assert.Contains(script, error.Message, StringComparison.Ordinal);
        Assert.Contains("Latin, Cyrillic and Greek", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "body", "Rapport de la République arabe syrienne (الجمهورية العربية السورية).")]
    [InlineData(0, "signatories[1].name", "李明")]
    [InlineData(0, "signatories[0].title", "Постоянный представитель של ישראל")]
    [InlineData(1, "title", "कार्यक्रम")]
    public void TryParse_UnprintableTextInAnEnclosure_ErrorNamesTheEnclosureField(int index, string field, string text)
    {
        var json = Valid();
        JsonNode target = Enclosure(json, index);
        string[] path = field.Split('.');
        foreach (var part in path[..^1])
        {
            int bracket = part.IndexOf('[', StringComparison.Ordinal);
            target = bracket < 0 ? target[part]! : target[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        target[path[^1]] = text;

        FailsOn(json, $"enclosures[{index}].{field}");
    }
}
