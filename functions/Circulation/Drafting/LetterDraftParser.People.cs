using System.Text.Json;
using Circulation.Mail;
using Circulation.Staff;

namespace Circulation.Drafting;

// The people: the drafter (whoever signed in), the signatory and the approvers, chosen from the staff directory.
public static partial class LetterDraftParser
{
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
