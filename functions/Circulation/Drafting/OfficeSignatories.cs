using System.Globalization;
using System.Text;
using Circulation.Staff;

namespace Circulation.Drafting;

/// <summary>
/// Keeps letters in the name of the Office's own signatories out of enclosures. An enclosed letter prints its
/// signatories' typed names under "(Signed)", so a drafter could otherwise enclose a letter "from Amina Rahman,
/// President of the General Assembly" under a cover the Vice-President signs, and missions would receive a second
/// letter in the President's name that she never saw. A signatory of the staff directory signs through Circulation,
/// with their own sign-off; an enclosed letter naming one (by e-mail, name or title) is refused. External signatories
/// (co-chairs, ambassadors) stay free text.
/// </summary>
public static class OfficeSignatories
{
    /// <summary>
    /// Letters of other scripts that print like a Latin capital, by their capital: a name typed "Аmina Rаhman" with
    /// Cyrillic а, or a title "Presidеnt" with Cyrillic е, prints as the President's own and must fold to it.
    /// </summary>
    private static readonly Dictionary<char, char> LatinLookAlikes = new()
    {
        // Cyrillic
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['Ѕ'] = 'S', ['І'] = 'I', ['Ј'] = 'J', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H',
        ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['У'] = 'Y', ['Х'] = 'X', ['Ԁ'] = 'D', ['Һ'] = 'H', ['Ӏ'] = 'L',
        ['Ԛ'] = 'Q', ['Ԝ'] = 'W', ['Ѵ'] = 'V', ['Ү'] = 'Y',

        // Greek
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N',
        ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['Ϲ'] = 'C', ['Ϳ'] = 'J',
    };

    /// <summary>
    /// Null when <paramref name="signatory"/> is not one of <paramref name="staff"/>'s signatories; otherwise the error
    /// for field <paramref name="at"/> ("enclosures[1].signatories[0]"), saying who they are and what to do instead.
    /// </summary>
    /// <remarks>
    /// Names match when every word of the directory's name is among the enclosure signatory's words, ignoring case,
    /// accents, punctuation and spacing ("H.E. Ms. AMINA RAHMAN", "Rahman, Âmina"), compatibility forms ("Ａｍｉｎａ") and
    /// letters of other scripts that look Latin ("Аmina" with Cyrillic А); titles when they are the same after the same
    /// folding and a leading "the".
    /// </remarks>
    public static FieldError? CheckEnclosed(string at, EnclosureSignatory signatory, StaffDirectory staff)
    {
        ArgumentNullException.ThrowIfNull(signatory);
        ArgumentNullException.ThrowIfNull(staff);
        string[] words = Words(signatory.Name);
        string title = string.Join(' ', TitleWords(signatory.Title));
        foreach (var person in staff.People.Where(p => p.Has(StaffRole.Signatory)))
        {
            string? who = null;
            if (signatory.Email is not null && string.Equals(signatory.Email.Trim(), person.Email, StringComparison.OrdinalIgnoreCase))
            {
                who = $"{signatory.Email} is the address of {person.Name} ({person.Title}), a signatory of the Office";
            }
            else if (Words(person.Name) is { Length: > 0 } name && name.All(words.Contains))
            {
                who = $"{person.Name} ({person.Title}) is a signatory of the Office";
            }
            else if (title.Length > 0 && title == string.Join(' ', TitleWords(person.Title)))
            {
                who = $"'{signatory.Title}' is the title of {person.Name}, a signatory of the Office";
            }

            if (who is not null)
            {
                return new FieldError(
                    at,
                    $"'{at}': {who}; a letter in their name must be signed by them through Circulation, not enclosed. Enclose it as a document instead, or ask them to sign it.");
            }
        }

        return null;
    }

    private static string[] TitleWords(string title)
    {
        string[] words = Words(title);
        return words.Length > 1 && words[0] == "the" ? words[1..] : words;
    }

    /// <summary>
    /// The words of <paramref name="text"/> in lower case without accents, compatibility forms (full-width, mathematical
    /// letters) and look-alike letters of other scripts folded to Latin; anything but letters and digits separates words.
    /// </summary>
    private static string[] Words(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (char c in text.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            // Marks, and the soft hyphen (the one format character a name may hold; it never prints unless a line breaks there).
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            {
                continue;
            }

            char upper = char.ToUpperInvariant(c);
            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(LatinLookAlikes.GetValueOrDefault(upper, upper)) : ' ');
        }

        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
