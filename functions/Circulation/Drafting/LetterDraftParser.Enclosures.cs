using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.Staff;

namespace Circulation.Drafting;

// The enclosures: enclosed letters (date, body, signatories from the staff directory) and uploaded documents (by id).
public static partial class LetterDraftParser
{
    private static readonly string[] LetterEnclosureFields = ["kind", "date", "body", "signatories"];
    private static readonly string[] DocumentEnclosureFields = ["kind", "documentId", "title"];

    private static (bool Ok, IReadOnlyList<Enclosure>? Enclosures) ReadEnclosures(JsonElement root, DateOnly coverDate, StaffDirectory staff, List<FieldError> errors)
    {
        if (!root.TryGetProperty("enclosures", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return (true, null);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("enclosures", "'enclosures' must be a list of enclosures, each {\"kind\": \"letter\", ...} or {\"kind\": \"document\", ...}."));
            return (false, null);
        }

        int count = value.GetArrayLength();
        if (count > MaxEnclosures)
        {
            errors.Add(new FieldError("enclosures", $"'enclosures' has {count} entries; the limit is {MaxEnclosures}."));
            return (false, null);
        }

        var enclosures = new List<Enclosure>(count);
        int index = 0;
        int before = errors.Count;
        foreach (var item in value.EnumerateArray())
        {
            string path = $"enclosures[{index++}]";
            if (ReadEnclosure(item, path, coverDate, staff, errors) is { } enclosure)
            {
                enclosures.Add(enclosure);
            }
        }

        return errors.Count > before ? (false, null) : (true, enclosures.Count == 0 ? null : enclosures);
    }

    private static Enclosure? ReadEnclosure(JsonElement item, string path, DateOnly coverDate, StaffDirectory staff, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(path, $"'{path}' must be an object with a \"kind\" of \"letter\" or \"document\"."));
            return null;
        }

        string? kind = item.TryGetProperty("kind", out var kindValue) && kindValue.ValueKind == JsonValueKind.String ? kindValue.GetString() : null;
        string[] allowed = kind switch
        {
            EnclosedLetter.Kind => LetterEnclosureFields,
            EnclosedDocument.Kind => DocumentEnclosureFields,
            _ => [],
        };
        if (allowed.Length == 0)
        {
            errors.Add(new FieldError($"{path}.kind", $"'{path}.kind' must be \"letter\" (a letter composed here) or \"document\" (an uploaded PDF)."));
            return null;
        }

        foreach (var property in item.EnumerateObject().Where(p => !allowed.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError($"{path}.{property.Name}", $"Unknown field '{path}.{property.Name}'. Allowed for a {kind}: {string.Join(", ", allowed)}."));
        }

        if (kind == EnclosedDocument.Kind)
        {
            string? documentId = RequiredText(item, "documentId", 64, singleLine: true, errors, $"{path}.documentId");
            if (documentId is not null && !DocumentIdShape().IsMatch(documentId))
            {
                errors.Add(new FieldError($"{path}.documentId", $"'{path}.documentId' must be the id POST /api/documents returned (64 hex digits); got '{documentId}'."));
                documentId = null;
            }

            string? title = Printable(RequiredText(item, "title", MaxDocumentTitleLength, singleLine: true, errors, $"{path}.title"), $"{path}.title", errors);
            return documentId is null || title is null ? null : new EnclosedDocument(documentId, title);
        }

        DateOnly date = ReadDate(item, $"{path}.date", coverDate, "the cover letter's date", errors);
        string? body = ReadBody(item, $"{path}.body", errors, "body");
        var signatories = ReadEnclosureSignatories(item, path, staff, errors);
        return body is null || signatories is null ? null : new EnclosedLetter(date, body, signatories);
    }

    private static List<EnclosureSignatory>? ReadEnclosureSignatories(JsonElement item, string path, StaffDirectory staff, List<FieldError> errors)
    {
        string field = $"{path}.signatories";
        if (!item.TryGetProperty("signatories", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(field, $"'{field}' is required: a list of 1 to {MaxEnclosureSignatories} signatories, each with name, title and optionally email."));
            return null;
        }

        int count = value.GetArrayLength();
        if (count is 0 or > MaxEnclosureSignatories)
        {
            errors.Add(new FieldError(field, $"'{field}' has {count} entries; an enclosed letter has 1 to {MaxEnclosureSignatories} signatories."));
            return null;
        }

        var signatories = new List<EnclosureSignatory>(count);
        int index = 0;
        bool ok = true;
        foreach (var entry in value.EnumerateArray())
        {
            string at = $"{field}[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new FieldError(at, $"'{at}' must be an object with name, title and optionally email."));
                ok = false;
                continue;
            }

            foreach (var property in entry.EnumerateObject().Where(p => !SignatoryFields.Contains(p.Name, StringComparer.Ordinal)))
            {
                errors.Add(new FieldError($"{at}.{property.Name}", $"Unknown field '{at}.{property.Name}'. Allowed: name, title, email."));
                ok = false;
            }

            string? name = Printable(RequiredText(entry, "name", MaxNameLength, singleLine: true, errors, $"{at}.name"), $"{at}.name", errors);
            string? title = Printable(RequiredText(entry, "title", MaxTitleLength, singleLine: true, errors, $"{at}.title"), $"{at}.title", errors);
            string? email = null;
            if (entry.TryGetProperty("email", out var emailValue) && emailValue.ValueKind != JsonValueKind.Null)
            {
                email = RequiredEmail(entry, "email", $"{at}.email", errors);
                ok &= email is not null;
            }

            if (name is null || title is null)
            {
                ok = false;
                continue;
            }

            var signatory = new EnclosureSignatory(name, title, email);
            if (OfficeSignatories.CheckEnclosed(at, signatory, staff) is { } inOfficeName)
            {
                errors.Add(inOfficeName);
                ok = false;
                continue;
            }

            signatories.Add(signatory);
        }

        return ok ? signatories : null;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentIdShape();
}
