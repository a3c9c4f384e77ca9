using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

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

    private static async Task<IResult> CreateMessage(HttpContext context, string mailbox, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        var body = await ReadJsonAsync(context);
        if (body is not JsonObject json)
        {
            return GraphErrors.Error(400, "RequestBodyRead", "The body must be one JSON message, with no property given twice.");
        }

        var (message, problem) = ParseMessage(json, box.Address);
        if (message is null)
        {
            return GraphErrors.Error(400, "ErrorInvalidRequest", problem!);
        }

        box.Add(message);
        Count(state, "create");
        return Results.Json(Render(message, box.Address), statusCode: StatusCodes.Status201Created);
    }

    private static IResult GetMessage(string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        Count(state, "get");
        var rendered = box.Read(id, m => Render(m, box.Address));
        return rendered is null ? NotFound() : Results.Json(rendered);
    }

    private static IResult DeleteMessage(string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        Count(state, "delete");
        return box.Remove(id) ? Results.NoContent() : NotFound();
    }

    private static IResult ListMessages(HttpContext context, string mailbox, string? folder, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        string? known = null;
        if (folder is not null && (known = WellKnownFolder(folder)) is null)
        {
            return GraphErrors.Error(404, "ErrorInvalidIdMalformed", $"The folder '{folder}' does not exist in this emulator (only drafts and sentitems).");
        }

        string filter = context.Request.Query["$filter"].ToString();
        Func<EmulatedMessage, bool> match = _ => true;
        if (filter.Length > 0)
        {
            var parsed = InternetMessageIdFilter().Match(filter);
            if (!parsed.Success)
            {
                return GraphErrors.Error(400, "ErrorInvalidUrlQueryFilter", "The emulator understands only $filter=internetMessageId eq '...'.");
            }

            string wanted = parsed.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
            match = m => string.Equals(m.InternetMessageId, wanted, StringComparison.OrdinalIgnoreCase);
        }

        Count(state, folder is null ? "list" : $"list-{known}");
        var found = box.Find(known, match, m => Render(m, box.Address));
        return Results.Json(new JsonObject { ["value"] = new JsonArray([.. found]) });
    }

    private static IResult GetFolder(string mailbox, string folder, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        string? known = WellKnownFolder(folder);
        if (known is null)
        {
            return GraphErrors.Error(404, "ErrorInvalidIdMalformed", $"The folder '{folder}' does not exist in this emulator.");
        }

        Count(state, "folder");
        int total = box.Find(known, _ => true, m => m.Id).Count;
        return Results.Json(new { id = known, displayName = known == "drafts" ? "Drafts" : "Sent Items", totalItemCount = total });
    }

    private static async Task<IResult> AddAttachment(HttpContext context, string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        if (await ReadJsonAsync(context) is not JsonObject json)
        {
            return GraphErrors.Error(400, "RequestBodyRead", "The body must be one JSON attachment, with no property given twice.");
        }

        var (attachment, problem, status) = ParseAttachment(json);
        if (attachment is null)
        {
            return GraphErrors.Error(status, "ErrorInvalidRequest", problem!);
        }

        string? refusal = null;
        bool exists = box.TryUpdate(id, m =>
        {
            if (m.Folder != "drafts")
            {
                refusal = "Attachments can be added only to a draft.";
                return;
            }

            m.Attachments.Add(attachment);
        });
        Count(state, "attach");
        return !exists ? NotFound()
            : refusal is not null ? GraphErrors.Error(400, "ErrorInvalidOperation", refusal)
            : Results.Json(RenderAttachment(attachment, withContent: false), statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListAttachments(string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        Count(state, "list-attachments");
        var list = box.Read(id, m => m.Attachments.Select(a => RenderAttachment(a, withContent: false)).ToList());
        return list is null ? NotFound() : Results.Json(new JsonObject { ["value"] = new JsonArray([.. list]) });
    }

    private static async Task<IResult> CreateUploadSession(HttpContext context, string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        var item = (await ReadJsonAsync(context))?["attachmentItem"];
        string? name = item?["name"]?.GetValue<string>();
        long size = item?["size"]?.GetValue<long>() ?? 0;
        if (string.IsNullOrEmpty(name) || size <= 0 || !string.Equals(item?["attachmentType"]?.GetValue<string>(), "file", StringComparison.OrdinalIgnoreCase))
        {
            return GraphErrors.Error(400, "ErrorInvalidRequest", "AttachmentItem needs attachmentType 'file', a name and a size.");
        }

        if (size > 150L * 1024 * 1024)
        {
            return GraphErrors.Error(400, "ErrorAttachmentSizeLimitExceeded", "An attachment may be at most 150 MB.");
        }

        bool isDraft = box.Read(id, m => m.Folder == "drafts");
        if (box.Read(id, m => m.Id) is null)
        {
            return NotFound();
        }

        if (!isDraft)
        {
            return GraphErrors.Error(400, "ErrorInvalidOperation", "Attachments can be added only to a draft.");
        }

        var session = new UploadSession
        {
            Id = Guid.NewGuid().ToString("N"),
            Mailbox = box.Address,
            MessageId = id,
            Name = name,
            ContentType = item?["contentType"]?.GetValue<string>() ?? "application/octet-stream",
            Size = size,
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(6),
        };
        state.Uploads[session.Id] = session;
        Count(state, "create-upload-session");
        return Results.Json(
            new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.uploadSession",
                ["uploadUrl"] = $"{context.Request.Scheme}://{context.Request.Host}/upload/{session.Id}",
                ["expirationDateTime"] = session.ExpiresAt.ToString("o", CultureInfo.InvariantCulture),
                ["nextExpectedRanges"] = new JsonArray("0-"),
            },
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UploadSlice(HttpContext context, string session, EmulatorState state)
    {
        if (!state.Uploads.TryGetValue(session, out var upload) || upload.ExpiresAt < DateTimeOffset.UtcNow)
        {
            return GraphErrors.Error(404, "ErrorItemNotFound", "No such upload session (or it expired).");
        }

        if (context.Request.Headers.Authorization.Count > 0)
        {
            // Documented: the upload URL carries its own authorization; an Authorization header gets 401.
            return GraphErrors.Error(401, "InvalidAuthenticationToken", "Do not send an Authorization header to the upload URL.");
        }

        var range = ContentRange().Match(context.Request.Headers.ContentRange.ToString());
        if (!range.Success)
        {
            return GraphErrors.Error(400, "ErrorInvalidRequest", "Content-Range 'bytes start-end/total' is required.");
        }

        long start = long.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
        long end = long.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
        long total = long.Parse(range.Groups[3].Value, CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        Count(state, "upload-slice");
        lock (upload)
        {
            if (total != upload.Size || end < start || end - start + 1 != buffer.Length || buffer.Length > MaxUploadSliceBytes || end >= total)
            {
                return GraphErrors.Error(400, "ErrorInvalidRequest", "The slice does not match its Content-Range, the session's size, or is over 4 MB.");
            }

            if (start != upload.Received.Length)
            {
                return GraphErrors.Error(416, "ErrorInvalidRange", $"The next expected range starts at {upload.Received.Length}.");
            }

            buffer.Position = 0;
            buffer.CopyTo(upload.Received);
            if (upload.Received.Length < upload.Size)
            {
                return Results.Json(new JsonObject
                {
                    ["expirationDateTime"] = upload.ExpiresAt.ToString("o", CultureInfo.InvariantCulture),
                    ["nextExpectedRanges"] = new JsonArray($"{upload.Received.Length}-"),
                });
            }
        }

        state.Uploads.TryRemove(session, out _);
        var attachment = new EmulatedAttachment("AAMkATT" + Guid.NewGuid().ToString("N"), upload.Name, upload.ContentType, upload.Received.ToArray());
        var box = state.FindMailbox(upload.Mailbox)!;
        bool added = false;
        box.TryUpdate(upload.MessageId, m =>
        {
            if (m.Folder == "drafts")
            {
                m.Attachments.Add(attachment);
                added = true;
            }
        });
        if (!added)
        {
            return GraphErrors.Error(400, "ErrorInvalidOperation", "The message is no longer a draft.");
        }

        state.Counts.CountUpload();
        context.Response.Headers.Location = $"https://graph.microsoft.com/v1.0/users('{upload.Mailbox}')/messages('{upload.MessageId}')/attachments('{attachment.Id}')";
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static IResult SendDraft(string mailbox, string id, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        Count(state, "send");
        var refusal = box.Send(id, state.Limits, DateTimeOffset.UtcNow);
        return refusal is null ? Sent(state, box, id) : Refuse(state, refusal);
    }

    private static async Task<IResult> SendMail(HttpContext context, string mailbox, EmulatorState state)
    {
        var box = state.FindMailbox(mailbox)!;
        var json = await ReadJsonAsync(context);
        if (json?["message"] is not JsonObject messageJson)
        {
            return GraphErrors.Error(400, "ErrorInvalidRequest", "sendMail needs a 'message'.");
        }

        var (message, problem) = ParseMessage(messageJson, box.Address);
        if (message is null)
        {
            return GraphErrors.Error(400, "ErrorInvalidRequest", problem!);
        }

        Count(state, "sendMail");
        box.Add(message);
        var refusal = box.Send(message.Id, state.Limits, DateTimeOffset.UtcNow);
        if (refusal is not null)
        {
            box.Remove(message.Id);
            return Refuse(state, refusal);
        }

        var result = Sent(state, box, message.Id);
        if (json["saveToSentItems"]?.GetValue<bool>() == false)
        {
            box.Remove(message.Id);
        }

        return result;
    }

    private static IResult Sent(EmulatorState state, Mailbox box, string id)
    {
        var message = box.Read(id, m => m)!;
        EmulatorCounts.Add(state.Counts.SentPerMailbox, box.Address);
        state.Counts.CountSent(message.SentAt ?? DateTimeOffset.UtcNow);
        foreach (string recipient in box.Read(id, m => m.AllRecipients.ToList())!)
        {
            EmulatorCounts.Add(state.Counts.SentPerRecipient, recipient.ToLowerInvariant());
        }

        state.Onward.Writer.TryWrite(message);
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult Refuse(EmulatorState state, Refusal refusal) => refusal.Code switch
    {
        "ErrorItemNotFound" => NotFound(),
        "ErrorInvalidOperation" => GraphErrors.Error(400, refusal.Code, "The message is not a draft: it was sent already."),
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

    private static (EmulatedMessage? Message, string? Problem) ParseMessage(JsonObject json, string mailbox)
    {
        string imid = json["internetMessageId"]?.GetValue<string>() ?? $"<{Guid.NewGuid():N}@emulator.example>";
        if (!imid.StartsWith('<') || !imid.EndsWith('>') || !imid.Contains('@', StringComparison.Ordinal))
        {
            return (null, "internetMessageId must look like <local@domain>.");
        }

        var message = new EmulatedMessage
        {
            Id = "AAMkAG" + Guid.NewGuid().ToString("N"),
            Mailbox = mailbox,
            InternetMessageId = imid,
            CreatedAt = DateTimeOffset.UtcNow,
            Subject = json["subject"]?.GetValue<string>() ?? "",
            BodyContentType = json["body"]?["contentType"]?.GetValue<string>()?.ToLowerInvariant() ?? "text",
            BodyContent = json["body"]?["content"]?.GetValue<string>() ?? "",
        };
        foreach (var to in json["toRecipients"]?.AsArray() ?? [])
        {
            string? address = to?["emailAddress"]?["address"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(address))
            {
                return (null, "Every recipient needs emailAddress.address.");
            }

            message.To.Add((address, to?["emailAddress"]?["name"]?.GetValue<string>() ?? ""));
        }

        foreach (string list in new[] { "ccRecipients", "bccRecipients" })
        {
            foreach (var other in json[list]?.AsArray() ?? [])
            {
                message.OtherRecipients.Add(other?["emailAddress"]?["address"]?.GetValue<string>() ?? "");
            }
        }

        foreach (var header in json["internetMessageHeaders"]?.AsArray() ?? [])
        {
            string name = header?["name"]?.GetValue<string>() ?? "";
            if (!name.StartsWith("x-", StringComparison.OrdinalIgnoreCase))
            {
                return (null, $"InvalidInternetMessageHeader: only custom headers starting with 'x-' may be set; got '{name}'.");
            }

            message.Headers.Add((name, header?["value"]?.GetValue<string>() ?? ""));
        }

        long inline = 0;
        foreach (var node in json["attachments"]?.AsArray() ?? [])
        {
            if (node is not JsonObject attachmentJson)
            {
                return (null, "An attachment must be an object.");
            }

            var (attachment, problem, _) = ParseAttachment(attachmentJson);
            if (attachment is null)
            {
                return (null, problem);
            }

            inline += attachment.Content.Length;
            message.Attachments.Add(attachment);
        }

        return inline > MaxInlineAttachmentBytes
            ? (null, "Attachments over 3 MB in all must be added through an upload session.")
            : (message, null);
    }

    private static (EmulatedAttachment? Attachment, string? Problem, int Status) ParseAttachment(JsonObject json)
    {
        if (!string.Equals(json["@odata.type"]?.GetValue<string>(), "#microsoft.graph.fileAttachment", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Only #microsoft.graph.fileAttachment is supported.", 400);
        }

        string? name = json["name"]?.GetValue<string>();
        string? content = json["contentBytes"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name) || content is null)
        {
            return (null, "A file attachment needs a name and contentBytes.", 400);
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return (null, "contentBytes is not base64.", 400);
        }

        return bytes.Length > MaxInlineAttachmentBytes
            ? (null, "ErrorAttachmentSizeShouldNotBeLargerThan3MB: use an upload session for attachments over 3 MB.", 413)
            : (new EmulatedAttachment("AAMkATT" + Guid.NewGuid().ToString("N"), name, json["contentType"]?.GetValue<string>() ?? "application/octet-stream", bytes), null, 0);
    }

    private static JsonObject Render(EmulatedMessage m, string mailbox)
    {
        JsonObject Address(string address, string name) => new() { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address } };
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.message",
            ["id"] = m.Id,
            ["createdDateTime"] = m.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["sentDateTime"] = m.SentAt?.ToString("o", CultureInfo.InvariantCulture),
            ["internetMessageId"] = m.InternetMessageId,
            ["subject"] = m.Subject,
            ["isDraft"] = m.Folder == "drafts",
            ["parentFolderId"] = m.Folder,
            ["hasAttachments"] = m.Attachments.Count > 0,
            ["body"] = new JsonObject { ["contentType"] = m.BodyContentType, ["content"] = m.BodyContent },
            ["from"] = Address(mailbox, ""),
            ["sender"] = Address(mailbox, ""),
            ["toRecipients"] = new JsonArray([.. m.To.Select(t => Address(t.Address, t.Name))]),
            ["internetMessageHeaders"] = new JsonArray([.. m.Headers.Select(h => new JsonObject { ["name"] = h.Name, ["value"] = h.Value })]),
        };
    }

    private static JsonObject RenderAttachment(EmulatedAttachment a, bool withContent)
    {
        var json = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.fileAttachment",
            ["id"] = a.Id,
            ["name"] = a.Name,
            ["contentType"] = a.ContentType,
            ["size"] = a.Content.Length,
        };
        if (withContent)
        {
            json["contentBytes"] = Convert.ToBase64String(a.Content);
        }

        return json;
    }

    [GeneratedRegex(@"^\s*internetMessageId\s+eq\s+'((?:[^']|'')*)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InternetMessageIdFilter();

    [GeneratedRegex(@"^bytes (\d+)-(\d+)/(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentRange();
}
