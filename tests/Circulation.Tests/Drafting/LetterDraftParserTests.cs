using System.Text.Json.Nodes;
using Circulation.Drafting;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Drafting;

public sealed class LetterDraftParserTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly string[] KnownLists = ["permanent-representatives", "permanent-representatives-and-observers"];

    private static JsonObject Valid() => new()
    {
        ["subject"] = "Revitalization of the work of the General Assembly",
        ["date"] = "2026-11-20",
        ["body"] = "Excellency,\r\n\r\nI have the honour to inform you of the following.\r\n\r\n",
        ["signatory"] = new JsonObject
        {
            ["name"] = "Amina Rahman",
            ["title"] = "President of the General Assembly",
            ["email"] = "president@un.example",
        },
        ["approvers"] = new JsonArray("chief.of.staff@un.example", "legal.adviser@un.example"),
        ["distributionList"] = "permanent-representatives",
        ["drafter"] = "drafter@un.example",
    };

    private static JsonObject With(string field, JsonNode? value)
    {
        var json = Valid();
        json[field] = value;
        return json;
    }

    private static JsonObject Without(string field)
    {
        var json = Valid();
        json.Remove(field);
        return json;
    }

    private static JsonObject WithSignatory(string field, JsonNode? value, bool remove = false)
    {
        var json = Valid();
        var signatory = json["signatory"]!.AsObject();
        if (remove)
        {
            signatory.Remove(field);
        }
        else
        {
            signatory[field] = value;
        }

        return json;
    }

    private static LetterDraft? Parse(string json, out IReadOnlyList<FieldError> errors) =>
        LetterDraftParser.TryParse(json, Today, KnownLists, TestStaff.Directory, TestStaff.Drafter, out errors);

    /// <summary>Asserts that parsing fails with exactly one error, naming <paramref name="field"/>.</summary>
    private static FieldError FailsOn(JsonNode json, string field) => FailsOn(json.ToJsonString(), field);

    private static FieldError FailsOn(string json, string field)
    {
        var draft = Parse(json, out var errors);

        Assert.Null(draft);
        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void TryParse_ValidLetter_ReturnsEveryFieldWithNoErrors()
    {
        var draft = Parse(Valid().ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.NotNull(draft);
        Assert.Equal("Revitalization of the work of the General Assembly", draft.Subject);
        Assert.Equal(new DateOnly(2026, 11, 20), draft.Date);
        Assert.Equal("Excellency,\n\nI have the honour to inform you of the following.", draft.Body);
        Assert.Equal(new Signatory("Amina Rahman", "President of the General Assembly", "president@un.example"), draft.Signatory);
        Assert.Equal(["chief.of.staff@un.example", "legal.adviser@un.example"], draft.Approvers);
        Assert.Equal("permanent-representatives", draft.DistributionList);
        Assert.Equal("drafter@un.example", draft.Drafter);
    }

    [Fact]
    public void TryParse_SurroundingWhitespace_IsTrimmed()
    {
        var json = With("subject", "  Revitalization  ");
        json["approvers"] = new JsonArray(" chief.of.staff@un.example ");

        var draft = Parse(json.ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.Equal("Revitalization", draft?.Subject);
        Assert.Equal(["chief.of.staff@un.example"], draft?.Approvers);
    }

    [Fact]
    public void TryParse_NoDate_IsDatedOnSigning_WithTodayUntilThen()
    {
        var draft = Parse(Without("date").ToJsonString(), out _);

        Assert.Equal((Today, true), (draft?.Date, draft?.DatedOnSigning));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_NullOrBlankDate_IsDatedOnSigning(string? date)
    {
        var draft = Parse(With("date", date).ToJsonString(), out _);

        Assert.Equal((Today, true), (draft?.Date, draft?.DatedOnSigning));
    }

    [Fact]
    public void TryParse_AGivenDate_IsKept_AndNotDatedOnSigning()
    {
        var draft = Parse(Valid().ToJsonString(), out _);

        Assert.Equal((new DateOnly(2026, 11, 20), false), (draft?.Date, draft?.DatedOnSigning));
    }

    [Fact]
    public void TryParse_ArchivedJsonOfAnUndatedVersion_SentBackToEdit_StaysUndated()
    {
        var archived = With("date", "2026-11-02");
        archived["datedOnSigning"] = true;

        Assert.True(Parse(archived.ToJsonString(), out var errors)?.DatedOnSigning);
        Assert.Empty(errors);
        archived["datedOnSigning"] = "yes";
        FailsOn(archived, "datedOnSigning");
    }

    [Fact]
    public void AsSignedOn_DatesAnUndatedLetterOnTheSigningDayInTheOfficeZone_AndLeavesADatedOneAlone()
    {
        var undated = Parse(Without("date").ToJsonString(), out _)!;
        var dated = Parse(Valid().ToJsonString(), out _)!;
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var lateEvening = new DateTimeOffset(2026, 12, 3, 2, 30, 0, TimeSpan.Zero); // 21:30 on 2 December in New York

        var signed = undated.AsSignedOn(lateEvening, newYork);

        Assert.Equal((new DateOnly(2026, 12, 2), false), (signed.Date, signed.DatedOnSigning));
        Assert.Same(dated, dated.AsSignedOn(lateEvening, newYork));
    }

    [Theory]
    [InlineData("25/11/2026")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("November 25, 2026")]
    [InlineData("2026-11-25T10:00:00Z")]
    public void TryParse_MalformedDate_ErrorNamesDate(string date)
    {
        FailsOn(With("date", date), "date");
    }

    [Fact]
    public void TryParse_DateAsNumber_ErrorNamesDate()
    {
        FailsOn(With("date", 20261125), "date");
    }

    [Fact]
    public void TryParse_MissingSubject_ErrorNamesSubject()
    {
        FailsOn(Without("subject"), "subject");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Two\nlines")]
    [InlineData("Bell\u0007")]
    public void TryParse_BadSubject_ErrorNamesSubject(string subject)
    {
        FailsOn(With("subject", subject), "subject");
    }

    [Fact]
    public void TryParse_SubjectTooLong_ErrorNamesSubjectAndLimit()
    {
        var error = FailsOn(With("subject", new string('x', LetterDraftParser.MaxSubjectLength + 1)), "subject");

        Assert.Contains("200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SubjectNotAString_ErrorNamesSubject()
    {
        FailsOn(With("subject", 42), "subject");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n \n ")]
    public void TryParse_EmptyBody_ErrorNamesBody(string body)
    {
        FailsOn(With("body", body), "body");
    }

    [Fact]
    public void TryParse_MissingBody_ErrorNamesBody()
    {
        FailsOn(Without("body"), "body");
    }

    [Fact]
    public void TryParse_BodyTooLong_ErrorNamesBody()
    {
        FailsOn(With("body", new string('x', LetterDraftParser.MaxBodyLength + 1)), "body");
    }

    [Fact]
    public void TryParse_MissingSignatory_ErrorNamesSignatory()
    {
        FailsOn(Without("signatory"), "signatory");
    }

    [Fact]
    public void TryParse_SignatoryAsAddress_PrintsTheDirectorysNameAndTitle()
    {
        var draft = Parse(With("signatory", "President@UN.example").ToJsonString(), out var errors);

        Assert.Empty(errors);
        Assert.Equal(new Signatory("Amina Rahman", "President of the General Assembly", "president@un.example"), draft?.Signatory);
    }

    [Fact]
    public void TryParse_SignatoryNeitherAddressNorObject_ErrorNamesSignatory()
    {
        FailsOn(With("signatory", 12), "signatory");
    }

    [Fact]
    public void TryParse_SignatoryObjectWithoutEmail_ErrorNamesSignatoryEmail()
    {
        FailsOn(WithSignatory("email", null, remove: true), "signatory.email");
    }

    [Theory]
    [InlineData("name", "Someone Else")]
    [InlineData("title", "Secretary-General")]
    [InlineData("name", " ")]
    public void TryParse_SignatoryNameOrTitleOtherThanTheDirectorys_ErrorNamesSignatory(string field, string value)
    {
        var error = FailsOn(WithSignatory(field, value), "signatory");

        Assert.Contains("come from the directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SignatoryNotInTheDirectory_ErrorNamesSignatory()
    {
        var error = FailsOn(With("signatory", "someone@elsewhere.example"), "signatory");

        Assert.Contains("not in the staff directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SignatoryWithoutTheSignatoryRole_ErrorNamesSignatory()
    {
        var error = FailsOn(With("signatory", "legal.adviser@un.example"), "signatory");

        Assert.Contains("cannot sign letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DrafterNamesThemselvesSignatory_ErrorNamesSignatory()
    {
        var draft = LetterDraftParser.TryParse(
            With("signatory", TestStaff.President).ToJsonString(), Today, KnownLists, TestStaff.Directory, TestStaff.President, out var errors);

        Assert.Null(draft);
        Assert.Contains(errors, e => e.Field == "signatory" && e.Message.Contains("signed by its drafter", StringComparison.Ordinal));
    }

    [Fact]
    public void TryParse_ApproverNotInTheDirectory_ErrorNamesThatApprover()
    {
        FailsOn(With("approvers", new JsonArray("chief.of.staff@un.example", "outsider@un.example")), "approvers[1]");
    }

    [Fact]
    public void TryParse_ApproverWithoutTheApproverRole_ErrorNamesThatApprover()
    {
        var error = FailsOn(With("approvers", new JsonArray(TestStaff.President)), "approvers[0]");

        Assert.Contains("cannot approve letters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_DrafterNamesThemselvesApprover_ErrorNamesThatApprover()
    {
        var draft = LetterDraftParser.TryParse(
            Without("drafter").ToJsonString(), Today, KnownLists, TestStaff.Directory, TestStaff.DraftingApprover, out var errors);

        Assert.Null(draft);
        var error = Assert.Single(errors);
        Assert.Equal("approvers[0]", error.Field);
        Assert.Contains("approved by its drafter", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("president")]
    [InlineData("president@localhost")]
    [InlineData("Amina Rahman <president@un.example>")]
    public void TryParse_SignatoryEmailNotAnAddress_ErrorNamesSignatoryEmail(string email)
    {
        var error = FailsOn(WithSignatory("email", email), "signatory.email");

        Assert.Contains(email, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnknownSignatoryField_ErrorNamesIt()
    {
        FailsOn(WithSignatory("phone", "+1 212 963 1234"), "signatory.phone");
    }

    [Fact]
    public void TryParse_MissingApprovers_ErrorNamesApprovers()
    {
        FailsOn(Without("approvers"), "approvers");
    }

    [Fact]
    public void TryParse_ApproversNotAList_ErrorNamesApprovers()
    {
        FailsOn(With("approvers", "chief.of.staff@un.example"), "approvers");
    }

    [Fact]
    public void TryParse_NoApprovers_ErrorNamesApprovers()
    {
        FailsOn(With("approvers", new JsonArray()), "approvers");
    }

    [Fact]
    public void TryParse_TooManyApprovers_ErrorNamesApprovers()
    {
        var approvers = new JsonArray([.. Enumerable.Range(1, LetterDraftParser.MaxApprovers + 1).Select(i => (JsonNode)$"approver{i}@un.example")]);

        FailsOn(With("approvers", approvers), "approvers");
    }

    [Fact]
    public void TryParse_MaximumApprovers_Parses()
    {
        var approvers = new JsonArray([.. Enumerable.Range(1, LetterDraftParser.MaxApprovers).Select(i => (JsonNode)$"approver{i}@un.example")]);

        Assert.Equal(LetterDraftParser.MaxApprovers, Parse(With("approvers", approvers).ToJsonString(), out _)?.Approvers.Count);
    }

    [Theory]
    [InlineData("legal adviser@un.example")]
    [InlineData("legal.adviser")]
    [InlineData("")]
    public void TryParse_ApproverNotAnAddress_ErrorNamesItsPosition(string approver)
    {
        FailsOn(With("approvers", new JsonArray("chief.of.staff@un.example", approver)), "approvers[1]");
    }

    [Fact]
    public void TryParse_ApproverNotAString_ErrorNamesItsPosition()
    {
        FailsOn(With("approvers", new JsonArray(12)), "approvers[0]");
    }

    [Fact]
    public void TryParse_DuplicateApproverInAnotherCase_ErrorNamesTheRepeat()
    {
        var error = FailsOn(
            With("approvers", new JsonArray("chief.of.staff@un.example", "legal.adviser@un.example", "Chief.Of.Staff@UN.example")),
            "approvers[2]");

        Assert.Contains("repeats", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_UnknownDistributionList_ErrorNamesDistributionListAndKnownLists()
    {
        var error = FailsOn(With("distributionList", "everyone"), "distributionList");

        Assert.Contains("everyone", error.Message, StringComparison.Ordinal);
        Assert.Contains("permanent-representatives-and-observers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingDistributionList_ErrorNamesDistributionList()
    {
        FailsOn(Without("distributionList"), "distributionList");
    }

    [Theory]
    [InlineData("someone.else@un.example")]
    [InlineData("drafter")]
    [InlineData("Drafter <drafter@un.example>")]
    public void TryParse_DrafterOtherThanTheSignedInPerson_ErrorNamesDrafter(string drafter)
    {
        var error = FailsOn(With("drafter", drafter), "drafter");

        Assert.Contains("taken from the sign-in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoDrafter_TakesTheSignedInPerson()
    {
        Assert.Equal(TestStaff.Drafter, Parse(Without("drafter").ToJsonString(), out _)?.Drafter);
    }

    [Fact]
    public void TryParse_UnknownField_ErrorNamesIt()
    {
        var error = FailsOn(With("cc", "someone@un.example"), "cc");

        Assert.Contains("distributionList", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"subject\": ")]
    [InlineData("subject=Hello")]
    [InlineData("")]
    [InlineData("{\"subject\": \"x\",}")]
    public void TryParse_InvalidJson_ErrorNamesBody(string json)
    {
        var error = FailsOn(json, "(body)");

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"a letter\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void TryParse_JsonNotAnObject_ErrorNamesBody(string json)
    {
        var error = FailsOn(json, "(body)");

        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralBadFields_ReportsEachOnce()
    {
        var json = Valid();
        json.Remove("subject");
        json["drafter"] = "nobody";
        json["approvers"] = new JsonArray();
        json["distributionList"] = "everyone";

        var draft = Parse(json.ToJsonString(), out var errors);

        Assert.Null(draft);
        Assert.Equal(["approvers", "distributionList", "drafter", "subject"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
