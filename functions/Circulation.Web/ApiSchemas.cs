using System.Text.Json.Nodes;
using Circulation.Domain;
using Microsoft.OpenApi;

namespace Circulation.Web;

/// <summary>
/// The named JSON schemas of the API's bodies, for the OpenAPI document (<see cref="ApiDocument"/>); a
/// <see cref="RouteDoc"/> names them in Body and Returns. They list the members clients rely on; bodies may carry more.
/// </summary>
public static class ApiSchemas
{
    /// <summary>An RFC 9457 problem (every API error).</summary>
    public const string Problem = "Problem";

    /// <summary>The letter as POST api/letters, POST api/drafts, PUT api/letters/{id} and POST api/preview take it.</summary>
    public const string LetterDraft = "LetterDraft";

    /// <summary>A created, saved or submitted letter: {id, status, version, location, pdf}.</summary>
    public const string LetterSaved = "LetterSaved";

    /// <summary>A page of letters with a continuation token.</summary>
    public const string LetterList = "LetterList";

    /// <summary>One letter's state, approvals, timeline and links.</summary>
    public const string Letter = "Letter";

    /// <summary>Every version of a letter.</summary>
    public const string VersionList = "VersionList";

    /// <summary>A letter's archived files with SHA-256s.</summary>
    public const string ArchiveFiles = "ArchiveFiles";

    /// <summary>Every mission's delivery of a letter, with progress.</summary>
    public const string Deliveries = "Deliveries";

    /// <summary>A resend request: {reason, requestId}.</summary>
    public const string ResendRequest = "ResendRequest";

    /// <summary>An accepted resend: {id, requestId, missions, location}.</summary>
    public const string ResendAccepted = "ResendAccepted";

    /// <summary>A withdrawal: {reason, requestId}.</summary>
    public const string WithdrawRequest = "WithdrawRequest";

    /// <summary>A replacement of the pending approver or the signatory: {person, reason}.</summary>
    public const string ReplaceRequest = "ReplaceRequest";

    /// <summary>An empty JSON object, e.g. the body of POST .../remind.</summary>
    public const string EmptyObject = "EmptyObject";

    /// <summary>An action on a letter in flight the workflow was told of: {id, stage, ...}.</summary>
    public const string LetterAccepted = "LetterAccepted";

    /// <summary>An uploaded PDF document: {id, name, pages, size, sha256}.</summary>
    public const string Document = "Document";

    /// <summary>The distribution lists and their member counts.</summary>
    public const string DistributionLists = "DistributionLists";

    /// <summary>The staff directory and the signed-in person.</summary>
    public const string People = "People";

    /// <summary>The health check's answer: {status}.</summary>
    public const string Health = "Health";

    /// <summary>The answer of GET api/verify/{sha256}: {authentic, letter?}.</summary>
    public const string Verification = "Verification";

    /// <summary>An OpenAPI document (this one).</summary>
    public const string OpenApiDocument = "OpenApiDocument";

    /// <summary>Every schema, by name (new objects on each call).</summary>
    public static IReadOnlyDictionary<string, IOpenApiSchema> Create()
    {
        var stages = Enum.GetNames<LetterStage>();
        var totals = Obj(("total", Int()), ("sent", Int()), ("failed", Int()));
        var approval = Obj(("step", Int()), ("approver", Str()), ("decision", Str()), ("comment", Nullable(Str())), ("at", DateTime()), ("renditionSha256", Nullable(Str("The SHA-256 of the PDF the approver was shown and decided on."))));
        var waitingFor = Nullable(Obj(("kind", Str()), ("step", Int()), ("who", Str()), ("expiresAt", DateTime())));
        return new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            [Problem] = Obj(
                ("type", Str("A problem type URI under " + ProblemKind.TypeBase + ", e.g. " + ProblemKind.NoSuchLetter.Type, "uri")),
                ("title", Str("The problem type's title.")),
                ("status", Int()),
                ("detail", Str("What happened, in plain words.")),
                ("instance", Str("The request's path.")),
                ("reference", Str("The request's trace id: give it to support.")),
                ("errors", Arr(Obj(("field", Str("e.g. signatory.name or enclosures[1].documentId")), ("message", Str()))).With("The fields not accepted (400).")),
                ("signIn", Str("Where to sign in (401)."))).Requiring("type", "title", "status", "detail"),
            [LetterDraft] = Obj(
                ("subject", Str()),
                ("date", Nullable(Str("The letter's date (yyyy-MM-dd); leave it out to date the letter on the day it is signed, in the Office's time zone.", "date"))),
                ("body", Str("A small Markdown subset: paragraphs, lists, *italic*, **bold**.")),
                ("signatory", Str("The signatory's e-mail address.", "email")),
                ("approvers", Arr(Str(format: "email"))),
                ("distributionList", Str("permanent-representatives or permanent-representatives-and-observers")),
                ("enclosures", Arr(Obj(("kind", Str("letter or document")), ("date", Str(format: "date")), ("body", Str()), ("documentId", Str()), ("title", Str()))))).Requiring("subject", "body", "signatory", "approvers", "distributionList"),
            [LetterSaved] = Obj(("id", Str()), ("status", Str()), ("version", Int()), ("location", Str()), ("pdf", Str())),
            [LetterList] = Obj(
                ("letters", Arr(Obj(
                    ("id", Str()), ("subject", Str()), ("stage", OneOf(stages)), ("version", Int()), ("drafter", Str()), ("createdAt", DateTime()), ("updatedAt", DateTime()),
                    ("signedAt", Nullable(DateTime())), ("deliveries", totals), ("waitingFor", waitingFor), ("attention", Arr(Str()))))),
                ("continuation", Nullable(Str("Pass it back as ?continuation= for the next page.")))),
            [Letter] = Obj(
                ("id", Str()), ("subject", Str()), ("stage", OneOf(stages)), ("version", Int()), ("editable", Bool()), ("submittedAt", Nullable(DateTime())),
                ("approvals", Arr(approval)), ("drafter", Str()), ("approvers", Arr(Str())), ("signatory", Str()), ("earlierRounds", Arr(Obj(("version", Int()), ("approvals", Arr(approval)), ("note", Nullable(Str()))))),
                ("waitingFor", waitingFor), ("deliveries", totals), ("progress", Obj(("text", Str()), ("estimatedEnd", Nullable(DateTime())))), ("distributionList", Str()),
                ("signedAt", Nullable(DateTime())), ("note", Nullable(Str())), ("createdAt", DateTime()), ("updatedAt", DateTime()), ("links", Obj()),
                ("timeline", Arr(Obj(("at", DateTime()), ("kind", Str()), ("actor", Str()), ("text", Str()), ("version", Int()), ("renditionSha256", Nullable(Str("For a decision or the signature: the SHA-256 of the PDF decided on or signed (the version's rendition).")))))),
                ("actions", Obj(("withdraw", Bool()), ("remind", Bool()), ("replace", Bool()), ("retrySignature", Bool())))),
            [VersionList] = Obj(("id", Str()), ("current", Int()), ("versions", Arr(Obj(
                ("version", Int()), ("createdAt", DateTime()), ("subject", Str()), ("submitted", Bool()), ("pdfSha256", Str()), ("pdfSize", Int()), ("jsonSha256", Str()), ("links", Obj()))))),
            [ArchiveFiles] = Obj(("id", Str()), ("files", Arr(Obj(("name", Str()), ("size", Int()), ("sha256", Str()))))),
            [Deliveries] = Obj(
                ("id", Str()), ("stage", OneOf(stages)), ("total", Int()), ("sent", Int()), ("failed", Int()), ("pending", Int()), ("progress", Str()), ("estimatedEnd", Nullable(DateTime())),
                ("deliveries", Arr(Obj(
                    ("mission", Str()), ("name", Str()), ("address", Str()), ("language", Str()), ("state", OneOf(["Pending", "Sent", "Failed"])), ("attempts", Int()),
                    ("lastAttemptAt", Nullable(DateTime())), ("sentAt", Nullable(DateTime())), ("reason", Nullable(Str())), ("history", Arr(Obj())))))),
            [ResendRequest] = Obj(("reason", Str()), ("requestId", Str("8-64 letters, digits or dashes, e.g. a UUID: the same id twice is one resend."))).Requiring("reason", "requestId"),
            [ResendAccepted] = Obj(("id", Str()), ("requestId", Str()), ("missions", Arr(Str())), ("location", Str())),
            [WithdrawRequest] = Obj(("reason", Str()), ("requestId", Str())).Requiring("reason"),
            [ReplaceRequest] = Obj(("person", Str("The e-mail of a staff member of the same role as the person replaced.", "email")), ("reason", Str())).Requiring("person", "reason"),
            [EmptyObject] = Obj(),
            [LetterAccepted] = Obj(("id", Str()), ("stage", OneOf(stages))),
            [Document] = Obj(("id", Str("The SHA-256 of the bytes.")), ("name", Str()), ("pages", Int()), ("size", Int()), ("sha256", Str())),
            [DistributionLists] = Obj(("lists", Arr(Obj(("id", Str()), ("name", Str()), ("count", Int()))))),
            [People] = Obj(("people", Arr(Obj(("email", Str()), ("name", Str()), ("title", Str()), ("roles", Arr(Str()))))), ("you", Obj())),
            [Health] = Obj(("status", OneOf(["Healthy", "Unhealthy"]))),
            [Verification] = Obj(
                ("authentic", Bool().With("True only for the signed PDF of a letter the Office signed and circulated.")),
                ("letter", Obj(
                    ("reference", Str()), ("subject", Str()), ("date", Str(format: "date")), ("signatory", Str()), ("title", Str()), ("signedAt", DateTime()),
                    ("distributionList", Str()), ("missions", Int()), ("circulatedAt", DateTime())).With("Present only when authentic."))).Requiring("authentic"),
            [OpenApiDocument] = Obj(("openapi", Str()), ("info", Obj()), ("paths", Obj())),
        };
    }

    private static OpenApiSchema Obj(params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
    };

    private static OpenApiSchema Str(string? description = null, string? format = null) => new() { Type = JsonSchemaType.String, Description = description, Format = format };

    private static OpenApiSchema Int() => new() { Type = JsonSchemaType.Integer };

    private static OpenApiSchema Bool() => new() { Type = JsonSchemaType.Boolean };

    private static OpenApiSchema DateTime() => Str(format: "date-time");

    private static OpenApiSchema Arr(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };

    private static OpenApiSchema OneOf(IEnumerable<string> names) => new() { Type = JsonSchemaType.String, Enum = [.. names.Select(n => (JsonNode)JsonValue.Create(n))] };

    private static OpenApiSchema Nullable(OpenApiSchema schema)
    {
        schema.Type |= JsonSchemaType.Null;
        return schema;
    }

    private static OpenApiSchema Requiring(this OpenApiSchema schema, params string[] names)
    {
        schema.Required = new HashSet<string>(names, StringComparer.Ordinal);
        return schema;
    }

    private static OpenApiSchema With(this OpenApiSchema schema, string description)
    {
        schema.Description = description;
        return schema;
    }
}
