using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.Mail;
using Circulation.Rendering;
using Circulation.Staff;

namespace Circulation.Drafting;

/// <summary>
/// Reads a letter from the JSON the staff form and API clients send, and says exactly which fields are
/// wrong. Nothing is stored unless the whole letter is valid. Bodies must keep to the Markdown subset
/// letters print (<see cref="LetterMarkdown"/>), everything printed must be in a script the letter
/// font prints correctly (<see cref="LetterScripts"/>) and no field may hide characters (<see cref="HiddenCharacters"/>).
/// Enclosed letters cannot be in the name of the Office's own signatories (<see cref="OfficeSignatories"/>). Text is
/// normalized to Unicode normalization form C before it is checked, stored, hashed or printed.
/// </summary>
/// <remarks>
/// Whether an enclosed document's id names an uploaded document needs storage, so it is checked by
/// <see cref="UploadedDocuments.FindUnknownAsync"/>, not here.
/// </remarks>
public static partial class LetterDraftParser
{
    /// <summary>Longest subject accepted.</summary>
    public const int MaxSubjectLength = 200;

    /// <summary>Longest body accepted, in characters.</summary>
    public const int MaxBodyLength = 30_000;

    /// <summary>Most approvers in one chain.</summary>
    public const int MaxApprovers = 10;

    /// <summary>Most enclosures with one letter.</summary>
    public const int MaxEnclosures = 10;

    /// <summary>Most signatories of an enclosed letter.</summary>
    public const int MaxEnclosureSignatories = 4;

    /// <summary>Longest document title accepted.</summary>
    public const int MaxDocumentTitleLength = 200;

    private const int MaxNameLength = 120;
    private const int MaxTitleLength = 200;

    private static readonly string[] KnownFields = ["subject", "date", "datedOnSigning", "body", "signatory", "approvers", "distributionList", "drafter", "enclosures"];
    private static readonly string[] SignatoryFields = ["name", "title", "email"];
    private static readonly string[] LetterEnclosureFields = ["kind", "date", "body", "signatories"];
    private static readonly string[] DocumentEnclosureFields = ["kind", "documentId", "title"];

    /// <summary>Parses <paramref name="json"/>; returns the draft, or null with the errors.</summary>
    /// <param name="json">The request body.</param>
    /// <param name="today">The date to use when none is given: the draft is then <see cref="LetterDraft.DatedOnSigning"/>, and
    /// today is only what its drafts print until it is signed.</param>
    /// <param name="knownLists">Ids of the distribution lists that exist.</param>
    /// <param name="staff">The staff directory: approvers and the signatory are chosen from it, and their printed names
    /// and titles come from it, never from the request.</param>
    /// <param name="drafter">The letter's drafter: the signed-in person who creates it (or, for an edit, who created it).</param>
    /// <param name="errors">Every problem found, one per field.</param>
    public static LetterDraft? TryParse(
        string json, DateOnly today, IReadOnlyCollection<string> knownLists, StaffDirectory staff, string drafter, out IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(knownLists);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentException.ThrowIfNullOrWhiteSpace(drafter);
        var found = new List<FieldError>();
        errors = found;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            found.Add(new FieldError("(body)", string.Create(
                CultureInfo.InvariantCulture, $"The request body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}).")));
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

            // JSON can escape half a surrogate pair ("\uD800"), which no text can hold: refused here, not thrown later.
            if (FindBrokenText(root, "") is { } broken)
            {
                found.Add(new FieldError(broken, $"'{broken}' contains a broken character: half of a UTF-16 surrogate pair (escaped as \\uD800-\\uDFFF without its other half). Delete it and type the text again."));
                return null;
            }

            foreach (var property in root.EnumerateObject().Where(p => !KnownFields.Contains(p.Name, StringComparer.Ordinal)))
            {
                found.Add(new FieldError(property.Name, $"Unknown field '{property.Name}'. Allowed fields: {string.Join(", ", KnownFields)}."));
            }

            // The subject is the PDF's title and the mails' subject: the same scripts as the letter, so it reads the same everywhere.
            string? subject = Printable(RequiredText(root, "subject", MaxSubjectLength, singleLine: true, found), "subject", found);
            bool datedOnSigning = ReadDatedOnSigning(root, found);
            DateOnly date = datedOnSigning ? today : ReadDate(root, "date", today, "the day it is signed", found);
            string? body = ReadBody(root, "body", found);
            Signatory? signatory = ReadSignatory(root, staff, drafter, found);
            IReadOnlyList<string>? approvers = ReadApprovers(root, staff, drafter, found);
            string? list = RequiredText(root, "distributionList", 100, singleLine: true, found);
            if (list is not null && !knownLists.Contains(list))
            {
                found.Add(new FieldError("distributionList", $"'distributionList' names no known list ('{list}'). Known lists: {string.Join(", ", knownLists)}."));
                list = null;
            }

            CheckDrafter(root, drafter, found);
            var (enclosuresOk, enclosures) = ReadEnclosures(root, date, staff, found);

            if (found.Count > 0 || subject is null || body is null || signatory is null || approvers is null || list is null || !enclosuresOk)
            {
                return null;
            }

            return new LetterDraft(subject, date, body, signatory, approvers, list, drafter, enclosures) { DatedOnSigning = datedOnSigning };
        }
    }

    /// <summary>A body: required, within the length limit, in the Markdown subset, printable; normalized.</summary>
    private static string? ReadBody(JsonElement parent, string path, List<FieldError> errors, string? name = null)
    {
        string? text = RequiredText(parent, name ?? path, MaxBodyLength, singleLine: false, errors, path);
        if (text is null)
        {
            return null;
        }

        var body = LetterMarkdown.Parse(text);
        if (body.Unreadable is { } why)
        {
            errors.Add(new FieldError(path, $"'{path}' {why}. Allowed: {LetterMarkdown.Allowed}."));
            return null;
        }

        if (body.Problems.Count > 0)
        {
            errors.Add(new FieldError(path, $"'{path}' uses {LetterMarkdown.Describe(body.Problems)}, which a letter cannot contain. Allowed: {LetterMarkdown.Allowed}."));
            return null;
        }

        if (body.Blocks.Count == 0 || body.Blocks.All(b => b.Spans.All(s => string.IsNullOrWhiteSpace(s.Text))))
        {
            errors.Add(new FieldError(path, $"'{path}' has no text to print."));
            return null;
        }

        return Printable(body.PlainText, path, errors) is null ? null : text;
    }

    /// <summary>Passes <paramref name="text"/> through when every character prints correctly; else records why not.</summary>
    private static string? Printable(string? text, string path, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (LetterScripts.FindUnprintable(text) is { } problem)
        {
            errors.Add(new FieldError(path, $"'{path}' contains {problem}, which the letter PDF cannot print correctly. {LetterScripts.Supported}"));
            return null;
        }

        return text.Normalize(NormalizationForm.FormC);
    }

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

    /// <summary>The path of the first string or property name in <paramref name="element"/> that cannot be read as text; null when there is none.</summary>
    private static string? FindBrokenText(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    _ = element.GetString();
                    return null;
                }
                catch (InvalidOperationException)
                {
                    return path;
                }

            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "(body)" : path;
                    }

                    if (FindBrokenText(property.Value, path.Length == 0 ? name : $"{path}.{name}") is { } broken)
                    {
                        return broken;
                    }
                }

                return null;

            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindBrokenText(item, $"{path}[{index++}]") is { } broken)
                    {
                        return broken;
                    }
                }

                return null;

            default:
                return null;
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentIdShape();

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

        // One kind of line break, in normalization form C, before anything is checked: what is checked is what is stored.
        string text = value.GetString()!.Trim();
        text = (singleLine ? text : text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')).Normalize(NormalizationForm.FormC);
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

        if (HiddenCharacters.Check(path, text, multiLine: !singleLine) is { } hidden)
        {
            errors.Add(hidden);
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

    /// <summary>
    /// True when the letter is to be dated on the day it is signed: it has no date, or (as the archived JSON of such a
    /// version says when it is sent back to be edited) "datedOnSigning": true, whatever date it carries.
    /// </summary>
    private static bool ReadDatedOnSigning(JsonElement root, List<FieldError> errors)
    {
        if (root.TryGetProperty("datedOnSigning", out var flag) && flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            errors.Add(new FieldError("datedOnSigning", "'datedOnSigning' must be true or false."));
        }

        return flag.ValueKind == JsonValueKind.True
            || !root.TryGetProperty("date", out var date) || date.ValueKind == JsonValueKind.Null
            || (date.ValueKind == JsonValueKind.String && date.GetString()!.Trim().Length == 0);
    }

    private static DateOnly ReadDate(JsonElement parent, string path, DateOnly fallback, string fallbackName, List<FieldError> errors)
    {
        if (!parent.TryGetProperty("date", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim().Length == 0))
        {
            return fallback;
        }

        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(new FieldError(path, $"'{path}' must be an ISO date like 2026-11-25, or left out for {fallbackName}."));
        return fallback;
    }

    /// <summary>
    /// The drafter is whoever signed in to create the letter; a request may repeat it (the archived JSON of a version
    /// carries it, and the form sends that back), but never name someone else.
    /// </summary>
    private static void CheckDrafter(JsonElement root, string drafter, List<FieldError> errors)
    {
        if (root.TryGetProperty("drafter", out var value) && value.ValueKind != JsonValueKind.Null
            && !(value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()?.Trim(), drafter, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new FieldError("drafter", $"'drafter' is the person who created the letter ({drafter}), taken from the sign-in; leave it out."));
        }
    }

    /// <summary>
    /// The signatory: an e-mail address of a signatory in the staff directory (a string, or the archived form
    /// {"name", "title", "email"} whose name and title must then be the directory's). The drafter cannot sign their own letter.
    /// </summary>
    private static Signatory? ReadSignatory(JsonElement root, StaffDirectory staff, string drafter, List<FieldError> errors)
    {
        const string field = "signatory";
        if (!root.TryGetProperty(field, out var value) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Object))
        {
            errors.Add(new FieldError(field, "'signatory' is required: the e-mail address of a signatory from the staff directory (GET /api/people)."));
            return null;
        }

        string? email;
        JsonElement? printed = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            email = value.GetString()!.Trim();
        }
        else
        {
            foreach (var property in value.EnumerateObject().Where(p => !SignatoryFields.Contains(p.Name, StringComparer.Ordinal)))
            {
                errors.Add(new FieldError($"signatory.{property.Name}", $"Unknown field 'signatory.{property.Name}'. Allowed: name, title, email."));
            }

            email = RequiredEmail(value, "email", "signatory.email", errors);
            printed = value;
        }

        if (email is null)
        {
            return null;
        }

        var person = staff.Find(email);
        string? problem = person switch
        {
            null => $"'{field}' names {email}, who is not in the staff directory. Choose a signatory from GET /api/people.",
            _ when !person.Has(StaffRole.Signatory) => $"'{field}' names {person.Name} ({person.Email}), who cannot sign letters: choose a person with the role signatory.",
            _ when string.Equals(person.Email, drafter, StringComparison.OrdinalIgnoreCase) => $"'{field}' names you: a letter cannot be signed by its drafter.",
            _ when printed is { } given && (Differs(given, "name", person.Name) || Differs(given, "title", person.Title)) =>
                $"'{field}' gives a name or title other than the staff directory's ({person.Name}, {person.Title}): the printed name and title come from the directory; send the e-mail address only.",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(new FieldError(field, problem));
            return null;
        }

        return new Signatory(person!.Name, person.Title, person.Email);
    }

    private static bool Differs(JsonElement given, string property, string expected) =>
        given.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
        && !(value.ValueKind == JsonValueKind.String && string.Equals(value.GetString()?.Trim(), expected, StringComparison.Ordinal));

    private static IReadOnlyList<string>? ReadApprovers(JsonElement root, StaffDirectory staff, string drafter, List<FieldError> errors)
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
            else if (staff.Find(text) is not { } person)
            {
                errors.Add(new FieldError(path, $"'{path}' names {text}, who is not in the staff directory. Choose approvers from GET /api/people."));
                ok = false;
            }
            else if (!person.Has(StaffRole.Approver))
            {
                errors.Add(new FieldError(path, $"'{path}' names {person.Name} ({person.Email}), who cannot approve letters: choose a person with the role approver."));
                ok = false;
            }
            else if (string.Equals(person.Email, drafter, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new FieldError(path, $"'{path}' names you: a letter cannot be approved by its drafter."));
                ok = false;
            }
            else
            {
                approvers.Add(person.Email);
            }
        }

        return ok ? approvers : null;
    }
}
