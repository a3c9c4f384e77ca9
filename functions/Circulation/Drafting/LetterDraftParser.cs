using System.Globalization;
using System.Text.Json;
using Circulation.Mail;

namespace Circulation.Drafting;

/// <summary>
/// Reads a letter from the JSON the staff form and API clients send, and says exactly which fields are
/// wrong. Nothing is stored unless the whole letter is valid.
/// </summary>
public static class LetterDraftParser
{
    /// <summary>Longest subject accepted.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest body accepted, in characters.</summary>
    public const int MaxBodyLength = 30_000;

    /// <summary>Most approvers in one chain.</summary>
    public const int MaxApprovers = 10;

    private static readonly string[] KnownFields = ["subject", "date", "body", "signatory", "approvers", "distributionList", "drafter"];
    private static readonly string[] SignatoryFields = ["name", "title", "email"];

    /// <summary>Parses <paramref name="json"/>; returns the draft, or null with the errors.</summary>
    /// <param name="json">The request body.</param>
    /// <param name="today">The date to use when none is given.</param>
    /// <param name="knownLists">Ids of the distribution lists that exist.</param>
    /// <param name="errors">Every problem found, one per field.</param>
    public static LetterDraft? TryParse(string json, DateOnly today, IReadOnlyCollection<string> knownLists, out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(knownLists);
        var found = new List<FieldError>();
        errors = found;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            found.Add(new FieldError("(body)", $"The request body is not valid JSON: {ex.Message}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                found.Add(new FieldError("(body)", "The request body must be a JSON object."));
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name, StringComparer.Ordinal)))
            {
                found.Add(new FieldError(property.Name, $"Unknown field '{property.Name}'. Allowed fields: {string.Join(", ", KnownFields)}."));
            }

            string? subject = RequiredText(root, "subject", MaxSubjectLength, singleLine: true, found);
            DateOnly date = ReadDate(root, today, found);
            string? body = RequiredText(root, "body", MaxBodyLength, singleLine: false, found);
            Signatory? signatory = ReadSignatory(root, found);
            IReadOnlyList<string>? approvers = ReadApprovers(root, found);
            string? list = RequiredText(root, "distributionList", 100, singleLine: true, found);
            if (list is not null && !knownLists.Contains(list))
            {
                found.Add(new FieldError("distributionList", $"'distributionList' names no known list ('{list}'). Known lists: {string.Join(", ", knownLists)}."));
                list = null;
            }

            string? drafter = RequiredEmail(root, "drafter", "drafter", found);

            if (found.Count > 0 || subject is null || body is null || signatory is null || approvers is null || list is null || drafter is null)
            {
                return null;
            }

            return new LetterDraft(subject, date, NormalizeBody(body), signatory, approvers, list, drafter);
        }
    }

    private static string NormalizeBody(string body) => body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static string? RequiredText(JsonElement parent, string name, int maxLength, bool singleLine, List<FieldError> errors, string? path = null)
    {
        path ??= name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new FieldError(path, $"'{path}' is required."));
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new FieldError(path, $"'{path}' must be a string."));
            return null;
        }

        string text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            errors.Add(new FieldError(path, $"'{path}' must not be empty."));
            return null;
        }

        if (text.Length > maxLength)
        {
            errors.Add(new FieldError(path, $"'{path}' is {text.Length} characters long; the limit is {maxLength}."));
            return null;
        }

        if (singleLine && text.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            errors.Add(new FieldError(path, $"'{path}' must be a single line."));
            return null;
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new FieldError(path, $"'{path}' contains control characters."));
            return null;
        }

        return text;
    }

    private static string? RequiredEmail(JsonElement parent, string name, string path, List<FieldError> errors)
    {
        string? text = RequiredText(parent, name, 254, singleLine: true, errors, path);
        if (text is not null && !EmailAddressRule.IsValid(text))
        {
            errors.Add(new FieldError(path, $"'{path}' must be an e-mail address like name@example.org; got '{text}'."));
            return null;
        }

        return text;
    }

    private static DateOnly ReadDate(JsonElement root, DateOnly today, List<FieldError> errors)
    {
        if (!root.TryGetProperty("date", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0))
        {
            return today;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError("date", "'date' must be an ISO date like 2026-11-25, or left out for today."));
        return today;
    }

    private static Signatory? ReadSignatory(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("signatory", out var value) || value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("signatory", "'signatory' is required: an object with name, title and email."));
            return null;
        }

        foreach (var property in value.EnumerateObject().Where(p => !SignatoryFields.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new FieldError($"signatory.{property.Name}", $"Unknown field 'signatory.{property.Name}'. Allowed: name, title, email."));
        }

        string? name = RequiredText(value, "name", 120, singleLine: true, errors, "signatory.name");
        string? title = RequiredText(value, "title", 200, singleLine: true, errors, "signatory.title");
        string? email = RequiredEmail(value, "email", "signatory.email", errors);
        return name is null || title is null || email is null ? null : new Signatory(name, title, email);
    }

    private static IReadOnlyList<string>? ReadApprovers(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("approvers", out var value) || value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError("approvers", "'approvers' is required: a list of e-mail addresses, in approval order."));
            return null;
        }

        int count = value.GetArrayLength();
        if (count == 0)
        {
            errors.Add(new FieldError("approvers", "'approvers' needs at least one approver."));
            return null;
        }

        if (count > MaxApprovers)
        {
            errors.Add(new FieldError("approvers", $"'approvers' has {count} entries; the limit is {MaxApprovers}."));
            return null;
        }

        var approvers = new List<string>(count);
        int index = 0;
        bool ok = true;
        foreach (var item in value.EnumerateArray())
        {
            string path = $"approvers[{index++}]";
            string? text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
            if (!EmailAddressRule.IsValid(text))
            {
                errors.Add(new FieldError(path, $"'{path}' must be an e-mail address like name@example.org; got {item.GetRawText()}."));
                ok = false;
            }
            else if (approvers.Contains(text!, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(path, $"'{path}' repeats the approver {text}."));
                ok = false;
            }
            else
            {
                approvers.Add(text!);
            }
        }

        return ok ? approvers : null;
    }
}
