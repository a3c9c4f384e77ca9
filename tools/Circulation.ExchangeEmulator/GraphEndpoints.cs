using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Circulation.ExchangeEmulator;

/// <summary>The Graph mail calls the emulator answers, as Graph v1.0 answers them.</summary>
public static partial class GraphEndpoints
{
    /// <summary>Largest attachment Graph takes in one request; above it an upload session is needed.</summary>
    public const int MaxInlineAttachmentBytes = 3 * 1024 * 1024;

    /// <summary>Largest slice of an upload session.</summary>
    public const int MaxUploadSliceBytes = 4 * 1024 * 1024;

    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    // An OData reader refuses a body that names a property twice (400); without this, System.Text.Json would only fail
    // on the first lookup, as an unhandled 500.
    private static readonly JsonDocumentOptions NoDuplicates = new() { AllowDuplicateProperties = false };

    /// <summary>Maps the routes.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/msi/token", IssueToken);
        var users = app.MapGroup("/v1.0/users/{mailbox}");
        users.MapPost("/messages", CreateMessage);
        users.MapGet("/messages", (HttpContext c, string mailbox, EmulatorState s) => ListMessages(c, mailbox, null, s));
        users.MapGet("/messages/{id}", GetMessage);
        users.MapDelete("/messages/{id}", DeleteMessage);
        users.MapPost("/messages/{id}/attachments", AddAttachment);
        users.MapGet("/messages/{id}/attachments", ListAttachments);
        users.MapPost("/messages/{id}/attachments/createUploadSession", CreateUploadSession);
        users.MapPost("/messages/{id}/send", SendDraft);
        users.MapPost("/sendMail", SendMail);
        users.MapGet("/mailFolders/{folder}", GetFolder);
        users.MapGet("/mailFolders/{folder}/messages", (HttpContext c, string mailbox, string folder, EmulatorState s) => ListMessages(c, mailbox, folder, s));
        app.MapPut("/upload/{session}", UploadSlice);
    }

    /// <summary>The folder's well-known name ("drafts", "sentitems"), or null for one the emulator does not keep.</summary>
    public static string? WellKnownFolder(string folder) => folder.ToLowerInvariant() switch
    {
        "drafts" => "drafts",
        "sentitems" => "sentitems",
        _ => null,
    };

    private static IResult IssueToken(HttpContext context, EmulatorState state)
    {
        string header = context.Request.Headers["X-IDENTITY-HEADER"].ToString();
        if (string.IsNullOrEmpty(header) || !string.Equals(header, state.Settings.IdentityHeader, StringComparison.Ordinal))
        {
            return Results.Json(new { statusCode = 401, message = "X-IDENTITY-HEADER is missing or wrong." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        string resource = context.Request.Query["resource"].ToString();
        if (string.IsNullOrEmpty(resource) || string.IsNullOrEmpty(context.Request.Query["api-version"].ToString()))
        {
            return Results.Json(new { statusCode = 400, message = "api-version and resource are required." }, statusCode: StatusCodes.Status400BadRequest);
        }

        var expires = DateTimeOffset.UtcNow + state.Settings.TokenLifetime;
        return Results.Json(new Dictionary<string, string>
        {
            ["access_token"] = state.Tokens.Issue(expires),
            ["expires_on"] = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = context.Request.Query["client_id"].ToString() is { Length: > 0 } id ? id : "00000000-0000-0000-0000-000000000000",
        });
    }

    private static IResult Refuse(EmulatorState state, Refusal refusal) => refusal.Code switch
    {
        "ErrorItemNotFound" => NotFound(),
        // A draft sent a second time (its immutable id now names the sent message).
        "AlreadySent" => GraphErrors.Error(400, "ErrorInvalidRequest", "The message has already been sent."),
        "ErrorInvalidRecipients" => GraphErrors.Error(400, refusal.Code, "At least one recipient is required."),
        "ErrorRecipientLimitExceeded" => GraphErrors.Error(400, refusal.Code, $"The message has more than {state.Limits.RecipientsPerMessage} recipients."),
        _ => ThrottledBy(state, refusal),
    };

    private static IResult ThrottledBy(EmulatorState state, Refusal refusal)
    {
        EmulatorCounts.Add(state.Counts.Throttled, refusal.Code);
        return GraphErrors.Throttled(refusal);
    }

    private static IResult NotFound() => GraphErrors.Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");

    private static void Count(EmulatorState state, string operation) => EmulatorCounts.Add(state.Counts.Requests, operation);

    private static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, CaseInsensitive, NoDuplicates, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
