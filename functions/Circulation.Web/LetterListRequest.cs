using System.Globalization;
using Circulation.Access;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.ReadModel;
using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>
/// Reads the query of <c>GET api/letters</c> (stage, drafter, from, to, q, view, limit, continuation) into a
/// <see cref="LetterQuery"/>, or every bad parameter as a field error. Non-admins list only their own letters.
/// </summary>
public static class LetterListRequest
{
    /// <summary>The longest subject search accepted.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The most words a subject search may have.</summary>
    public const int MaxSearchWords = 10;

    /// <summary>The query of <paramref name="query"/> for <paramref name="me"/>, or the field errors.</summary>
    public static (LetterQuery? Query, IReadOnlyList<FieldError> Errors) Read(IQueryCollection query, SignedInStaff me)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(me);
        var errors = new List<FieldError>();
        string? One(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                errors.Add(new FieldError(name, $"Give {name} once."));
                return null;
            }

            return string.IsNullOrWhiteSpace(values.ToString()) ? null : values.ToString().Trim();
        }

        LetterStage? stage = null;
        if (One("stage") is { } stageText)
        {
            if (Enum.TryParse(stageText, ignoreCase: true, out LetterStage s) && Enum.IsDefined(s) && stageText.All(char.IsAsciiLetter))
            {
                stage = s;
            }
            else
            {
                errors.Add(new FieldError("stage", $"'{Clip(stageText)}' is not a stage; use one of {string.Join(", ", Enum.GetNames<LetterStage>())}."));
            }
        }

        string? drafter = One("drafter");
        if (drafter is not null && (drafter.Length > 254 || drafter.IndexOf('@', StringComparison.Ordinal) <= 0))
        {
            errors.Add(new FieldError("drafter", $"'{Clip(drafter)}' is not an e-mail address; give the drafter's address."));
            drafter = null;
        }
        else if (drafter is not null && !StaffAccess.SeesAllLetters(me) && !me.Is(drafter))
        {
            errors.Add(new FieldError("drafter", "You can list only your own letters: leave drafter out or give your own address."));
        }

        DateOnly? from = Day(One("from"), "from", errors);
        DateOnly? to = Day(One("to"), "to", errors);
        if (from > to)
        {
            errors.Add(new FieldError("to", "The end date (to) is before the start date (from)."));
        }

        IReadOnlyList<string>? words = null;
        if (One("q") is { } q)
        {
            words = SubjectWords.Of(q);
            if (q.Length > MaxSearchLength)
            {
                errors.Add(new FieldError("q", $"Search with at most {MaxSearchLength} characters."));
            }
            else if (words.Count == 0)
            {
                errors.Add(new FieldError("q", "Search for at least one word of the subject (letters or digits)."));
            }
            else if (words.Count > MaxSearchWords)
            {
                errors.Add(new FieldError("q", $"Search for at most {MaxSearchWords} words."));
            }
        }

        string? view = One("view");
        if (view is not null && view != "attention")
        {
            errors.Add(new FieldError("view", $"'{Clip(view)}' is not a view; the one view is 'attention'."));
        }

        int limit = LetterQuery.DefaultLimit;
        if (One("limit") is { } limitText
            && !(int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= LetterQuery.MaxLimit))
        {
            errors.Add(new FieldError("limit", $"Give limit as a whole number from 1 to {LetterQuery.MaxLimit}."));
        }

        string? after = null;
        if (One("continuation") is { } token && (after = ListContinuation.Decode(token)) is null)
        {
            errors.Add(new FieldError("continuation", "The continuation is not one this list gave out; start again from the first page."));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new LetterQuery(
            stage,
            drafter,
            from,
            to,
            words,
            view is null ? null : me.Email,
            after,
            limit,
            StaffAccess.SeesAllLetters(me) ? null : me.Email), errors);
    }

    private static DateOnly? Day(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(new FieldError(field, $"'{Clip(text)}' is not a date; give {field} as yyyy-MM-dd (e.g. 2026-11-25)."));
        return null;
    }

    private static string Clip(string text) => text.Length > 40 ? text[..39] + "…" : text;
}
