using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Circulation.ExchangeEmulator;

// Messages: create a draft, read, list by internetMessageId, delete, send a draft or a message at once, and their JSON.
public static partial class GraphEndpoints
{
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

    [GeneratedRegex(@"^\s*internetMessageId\s+eq\s+'((?:[^']|'')*)'\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InternetMessageIdFilter();
}
