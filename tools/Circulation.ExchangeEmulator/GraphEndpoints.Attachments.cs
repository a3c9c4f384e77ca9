using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Circulation.ExchangeEmulator;

// Attachments: added inline up to 3 MB, or through an upload session whose slices are PUT to their own URL.
public static partial class GraphEndpoints
{
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

    [GeneratedRegex(@"^bytes (\d+)-(\d+)/(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentRange();
}
