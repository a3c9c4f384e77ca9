using System.Text.Json.Nodes;
using Circulation.Drafting;
using Circulation.Tests.TestSupport;
using Xunit;
using static Circulation.Tests.Drafting.LetterDraftParserEnclosureTests;

namespace Circulation.Tests.Drafting;

/// <summary>
/// Text integrity: every printed field refuses every character of the hostile-text catalogue (<see cref="HostileText"/>)
/// with an error naming the field, the place and the character; text is stored in normalization form C; and enclosed
/// letters cannot be in the name of the Office's own signatories. The letter is the enclosure tests' valid one
/// (<see cref="LetterDraftParserEnclosureTests.Valid"/>): a cover letter, a letter from two co-chairs, a document.
/// </summary>
public sealed class LetterDraftParserHiddenTextTests
{
    private const string BodyBefore = "Excellency,\n\nI have the honour to write to you.\n\n";

    /// <summary>The printed fields a drafter types, as the errors name them.</summary>
    private static readonly string[] PrintedFields =
    [
        "subject",
        "body",
        "enclosures[0].body",
        "enclosures[0].signatories[0].name",
        "enclosures[0].signatories[0].title",
        "enclosures[1].title",
    ];

    public static TheoryData<int, string, string> EveryCharacterInEveryField()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (codePoint, name) in HostileText.Characters)
        {
            foreach (string field in PrintedFields)
            {
                data.Add(codePoint, name, field);
            }
        }

        return data;
    }

    public static TheoryData<int, string> EveryCharacter()
    {
        var data = new TheoryData<int, string>();
        foreach (var (codePoint, name) in HostileText.Characters)
        {
            data.Add(codePoint, name);
        }

        return data;
    }

    /// <summary>The letter with <paramref name="field"/> set to <paramref name="value"/>.</summary>
    private static JsonObject With(string field, string value)
    {
        var json = Valid();
        var letter = json["enclosures"]![0]!;
        var signatory = letter["signatories"]![0]!;
        switch (field)
        {
            case "subject": json["subject"] = value; break;
            case "body": json["body"] = value; break;
            case "enclosures[0].body": letter["body"] = value; break;
            case "enclosures[0].signatories[0].name": signatory["name"] = value; break;
            case "enclosures[0].signatories[0].title": signatory["title"] = value; break;
            case "enclosures[0].signatories[0].email": signatory["email"] = value; break;
            case "enclosures[1].title": json["enclosures"]![1]!["title"] = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a printed field.");
        }

        return json;
    }

    private static bool IsBody(string field) => field.EndsWith("body", StringComparison.Ordinal);

    private static FieldError Refused(JsonNode json, string field)
    {
        var error = FailsOn(json, field);
        Assert.StartsWith($"'{field}'", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Theory]
    [MemberData(nameof(EveryCharacterInEveryField))]
    public void TryParse_HiddenCharacterInAPrintedField_IsRefusedNamingTheFieldThePlaceAndTheCharacter(int codePoint, string name, string field)
    {
        string text = IsBody(field) ? BodyBefore + HostileText.Article(codePoint) + "." : HostileText.Article(codePoint);

        var error = Refused(With(field, text), field);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"({HostileText.Code(codePoint)})", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 'Article '", error.Message, StringComparison.Ordinal);
        Assert.Contains(IsBody(field) ? $"'{field}', paragraph 3: " : $"'{field}', character 9: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete it and type the text again.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryCharacter))]
    public void Check_HiddenCharacterInAnUploadedFileName_IsRefusedNamingTheCharacter(int codePoint, string name)
    {
        var error = HiddenCharacters.Check("name", $"programme{HostileText.Text(codePoint)}fdp.pdf", multiLine: false);

        Assert.NotNull(error);
        Assert.Equal("name", error.Field);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'name', character 10: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 'programme'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TheIssuesAttack_ReadsInPlainWords()
    {
        var error = Refused(With("body", "Excellency,\n\nI have the honour to write.\n\nArticle \u202E51\u202C applies on \u202E12\u202C March."), "body");

        Assert.Equal(
            "'body', paragraph 3: an invisible right-to-left override (U+202E) after 'Article '. Delete it and type the text again. It is the first of 4 such characters in 'body'.",
            error.Message);
    }

    [Theory]
    [InlineData("subject", "\u200BRevitalization", "'subject', character 1: an invisible zero-width space (U+200B) at the start, before 'Revitalization'.")]
    [InlineData("subject", "Revitalization\u2060", "'subject', character 15: an invisible word joiner (U+2060) after 'Revitalization'.")]
    [InlineData("subject", "Revitalization\tof the work", "'subject', character 15: a tab character (U+0009) after 'Revitalization'.")]
    [InlineData("body", "Dates:\n- 12 March;\n- 1\u200D3 March.", "'body', paragraph 1, line 3: an invisible zero-width joiner (U+200D) after '- 1'.")]
    [InlineData("body", "Excellency,\n\n\uFEFF", "'body', paragraph 2: an invisible byte order mark (U+FEFF) at the start of the line, with nothing after it.")]
    [InlineData("enclosures[0].signatories[0].name", "Giorgi\u00A0Beridze \u2067Ambassador", "'enclosures[0].signatories[0].name', character 16: an invisible right-to-left isolate (U+2067) after 'Giorgi\u00A0Beridze '.")]
    public void TryParse_HiddenCharacterAtTheEdgesOrInALongerParagraph_NamesItsPlace(string field, string text, string expected)
    {
        var error = Refused(With(field, text), field);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Article 12 של 51", "Hebrew")]
    [InlineData("Consultations مصر", "Arabic")]
    public void TryParse_SubjectInAScriptThatReordersOrCannotPrint_IsRefused(string subject, string script)
    {
        var error = Refused(With("subject", subject), "subject");

        Assert.Contains(script, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("body")]
    [InlineData("enclosures[0].signatories[0].name")]
    public void TryParse_UnpairedSurrogateEscapedInTheJson_IsRefusedNamingTheField(string field)
    {
        string json = With(field, "Article MARK51").ToJsonString().Replace("MARK", "\\uD800", StringComparison.Ordinal);

        var draft = LetterDraftParser.TryParse(json, new DateOnly(2026, 11, 25), ["permanent-representatives"], TestStaff.Directory, TestStaff.Drafter, out var errors);

        Assert.Null(draft);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains($"'{field}' contains a broken character: half of a UTF-16 surrogate pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindIn_AStoredVersionWithHiddenCharacters_NamesEachPrintedFieldThatHasOne()
    {
        var draft = Parse(Valid(), out _)!;
        var letter = (EnclosedLetter)draft.Enclosures![0];
        var hostile = draft with
        {
            Subject = HostileText.Article(0x202E),
            Enclosures =
            [
                letter with { Signatories = [letter.Signatories[0], letter.Signatories[1] with { Title = "Co-Chair\u2060" }] },
                new EnclosedDocument(((EnclosedDocument)draft.Enclosures[1]).DocumentId, "\uFEFFProgramme"),
            ],
        };

        Assert.Empty(HiddenCharacters.FindIn(draft));
        Assert.Equal(
            ["subject", "enclosures[0].signatories[1].title", "enclosures[1].title"],
            HiddenCharacters.FindIn(hostile).Select(e => e.Field));
    }

    [Fact]
    public void TryParse_SoftHyphenNoBreakSpaceAndTabInABody_AreAccepted()
    {
        var json = With("body", "The inter\u00ADgovernmental negotiations:\n\n1.\tfirst meeting, 12\u00A0March;\n2.\tsecond meeting.");
        json["subject"] = "Inter\u00ADgovernmental negotiations";
        json["enclosures"]![1]!["title"] = "Pro\u00ADgramme of the meeting";

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(draft);
        Assert.Equal("Inter\u00ADgovernmental negotiations", draft.Subject);
    }

    [Fact]
    public void TryParse_CarriageReturnsInABody_AreStoredAsLineFeeds()
    {
        var draft = Parse(With("body", "Excellency,\r\rI have the honour.\r\nYours."), out var errors);

        Assert.Empty(errors);
        Assert.Equal("Excellency,\n\nI have the honour.\nYours.", draft?.Body);
    }

    [Fact]
    public void TryParse_DecomposedTextInEveryPrintedField_IsStoredInNormalizationFormC()
    {
        const string decomposed = "Co\u0302te d'Ivoire et Sa\u0303o Tome\u0301";
        const string composed = "Côte d'Ivoire et São Tomé";
        var json = Valid();
        json["subject"] = decomposed;
        json["body"] = decomposed;
        var letter = json["enclosures"]![0]!;
        letter["body"] = decomposed;
        letter["signatories"]![0]!["name"] = decomposed;
        letter["signatories"]![0]!["title"] = decomposed;
        json["enclosures"]![1]!["title"] = decomposed;

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.NotNull(draft);
        var enclosed = Assert.IsType<EnclosedLetter>(draft.Enclosures![0]);
        var document = Assert.IsType<EnclosedDocument>(draft.Enclosures[1]);
        Assert.All(
            new[] { draft.Subject, draft.Body, enclosed.Body, enclosed.Signatories[0].Name, enclosed.Signatories[0].Title, document.Title },
            text => Assert.Equal(composed, text));
    }

    [Theory]
    [InlineData("enclosures[0].signatories[0].email", TestStaff.President, "president@un.example is the address of Amina Rahman (President of the General Assembly), a signatory of the Office")]
    [InlineData("enclosures[0].signatories[0].email", "PRESIDENT@UN.EXAMPLE", "is the address of Amina Rahman")]
    [InlineData("enclosures[0].signatories[0].name", "Amina Rahman", "Amina Rahman (President of the General Assembly) is a signatory of the Office")]
    [InlineData("enclosures[0].signatories[0].name", "H.E. Ms.  AMINA   RAHMAN", "Amina Rahman (President of the General Assembly) is a signatory of the Office")]
    [InlineData("enclosures[0].signatories[0].name", "Rahman, Âmina", "Amina Rahman (President of the General Assembly) is a signatory of the Office")]
    [InlineData("enclosures[0].signatories[0].title", "President of the General Assembly", "'President of the General Assembly' is the title of Amina Rahman, a signatory of the Office")]
    [InlineData("enclosures[0].signatories[0].title", "The  president of the general ASSEMBLY", "is the title of Amina Rahman, a signatory of the Office")]
    public void TryParse_EnclosedLetterInTheNameOfAnOfficeSignatory_IsRefusedInPlainWords(string field, string value, string expected)
    {
        var error = Refused(With(field, value), "enclosures[0].signatories[0]");

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "a letter in their name must be signed by them through Circulation, not enclosed. Enclose it as a document instead, or ask them to sign it.",
            error.Message,
            StringComparison.Ordinal);
    }

    // Both the name and the title disguised, so neither rule catches the other's; each prints as the President's own.
    [Theory]
    [InlineData("\u0410mina R\u0430hman", "Presid\u0435nt of the G\u0435neral Assembly")] // Cyrillic А, а, е
    [InlineData("A\u041CINA RA\u041DMAN", "PRESIDENT \u041EF THE GENERAL ASSEMBLY")] // Cyrillic М, Н, О among capitals
    [InlineData("\u0391mina R\u03B1hman", "\u03A1resident \u03BFf the General Assembly")] // Greek Α, α, Ρ, ο
    [InlineData("Ami\u00ADna Rah\u00ADman", "Presi\u00ADdent of the Gen\u00ADeral Assembly")] // soft hyphens: allowed, never printed mid-line
    public void TryParse_EnclosedLetterInAnOfficeSignatorysNameSpelledWithLookAlikeLetters_IsRefused(string name, string title)
    {
        var json = With("enclosures[0].signatories[0].name", name);
        json["enclosures"]![0]!["signatories"]![0]!["title"] = title;
        json["enclosures"]![0]!["signatories"]![0]!.AsObject().Remove("email");

        var error = Refused(json, "enclosures[0].signatories[0]");

        Assert.Contains("Amina Rahman", error.Message, StringComparison.Ordinal);
        Assert.Contains("a signatory of the Office", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Jean-Baptiste Mensah", "Chef de Cabinet")]
    [InlineData("Amina Rahmanova", "Ambassador and Permanent Representative of Uzbekistan")]
    [InlineData("Giorgi Beridze", "Former President of the General Assembly")]
    [InlineData("\u0410\u043C\u0438\u043D\u0430 \u0420\u0430\u0445\u043C\u0430\u043D", "\u041F\u043E\u0441\u043E\u043B")] // Амина Рахман, Посол: her name in Russian reads otherwise
    public void TryParse_EnclosedLetterFromSomeoneWhoIsNotAnOfficeSignatory_IsAccepted(string name, string title)
    {
        var json = With("enclosures[0].signatories[0].name", name);
        json["enclosures"]![0]!["signatories"]![0]!["title"] = title;
        json["enclosures"]![0]!["signatories"]![0]!.AsObject().Remove("email");

        var draft = Parse(json, out var errors);

        Assert.Empty(errors);
        Assert.Equal(name, Assert.IsType<EnclosedLetter>(draft?.Enclosures?[0]).Signatories[0].Name);
    }
}
