using System.Globalization;
using System.Text.Json;
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
}
