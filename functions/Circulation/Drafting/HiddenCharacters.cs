using System.Globalization;
using System.Text;

namespace Circulation.Drafting;

/// <summary>
/// Finds the characters that would let printed text read differently from what its approvers saw: Unicode format
/// characters (bidi embeddings, overrides and isolates, zero-width characters, the word joiner, the byte order mark,
/// tag characters...), control characters, line and paragraph separators, variation selectors, invisible letters
/// (Hangul fillers), private-use and unassigned code points. They are refused in every printed field whatever the
/// letter font covers, because the browser showing a letter for approval and the PDF sent to missions treat them
/// differently: "Article \u202E51\u202C" reads "Article 15" on a page and "Article 51" in the PDF.
/// The soft hyphen is allowed (it only marks where a word may break); the line feed in bodies, and the tab in bodies
/// (whitespace, printed as a space), are allowed. See docs/text-integrity.md.
/// </summary>
public static class HiddenCharacters
{
    private const int SoftHyphen = 0x00AD;
    private const int ContextLength = 24;

    private static readonly Dictionary<int, string> Names = new()
    {
        [0x0000] = "an invisible null character",
        [0x0007] = "an invisible bell character",
        [0x0008] = "an invisible backspace character",
        [0x0009] = "a tab character",
        [0x000B] = "an invisible vertical tab",
        [0x000C] = "an invisible form feed",
        [0x000D] = "a carriage return",
        [0x001B] = "an invisible escape character",
        [0x007F] = "an invisible delete character",
        [0x0085] = "an invisible next-line control character",
        [0x034F] = "an invisible combining grapheme joiner",
        [0x061C] = "an invisible Arabic letter mark",
        [0x115F] = "an invisible Hangul filler",
        [0x1160] = "an invisible Hangul filler",
        [0x180E] = "an invisible Mongolian vowel separator",
        [0x200B] = "an invisible zero-width space",
        [0x200C] = "an invisible zero-width non-joiner",
        [0x200D] = "an invisible zero-width joiner",
        [0x200E] = "an invisible left-to-right mark",
        [0x200F] = "an invisible right-to-left mark",
        [0x2028] = "an invisible Unicode line separator",
        [0x2029] = "an invisible Unicode paragraph separator",
        [0x202A] = "an invisible left-to-right embedding",
        [0x202B] = "an invisible right-to-left embedding",
        [0x202C] = "an invisible pop directional formatting",
        [0x202D] = "an invisible left-to-right override",
        [0x202E] = "an invisible right-to-left override",
        [0x2060] = "an invisible word joiner",
        [0x2061] = "an invisible function application",
        [0x2062] = "an invisible multiplication sign (invisible times)",
        [0x2063] = "an invisible comma (invisible separator)",
        [0x2064] = "an invisible plus sign (invisible plus)",
        [0x2066] = "an invisible left-to-right isolate",
        [0x2067] = "an invisible right-to-left isolate",
        [0x2068] = "an invisible first strong isolate",
        [0x2069] = "an invisible pop directional isolate",
        [0x2800] = "an invisible blank Braille pattern",
        [0x3164] = "an invisible Hangul filler",
        [0xFEFF] = "an invisible byte order mark",
        [0xFFA0] = "an invisible Hangul filler",
    };

    /// <summary>
    /// Null when <paramref name="text"/> has no hidden character; otherwise the error for <paramref name="field"/>
    /// naming the place (the body's paragraph and line, or the character's position), the character and the text
    /// before it, e.g. "'body', paragraph 3: an invisible right-to-left override (U+202E) after 'Article '. Delete it
    /// and type the text again."
    /// </summary>
    /// <param name="field">The field's path, e.g. "enclosures[0].signatories[1].name".</param>
    /// <param name="text">The text, with line feeds as its only line breaks.</param>
    /// <param name="multiLine">True for bodies: line feeds and tabs are allowed, and the place is a paragraph.</param>
    public static FieldError? Check(string field, string text, bool multiLine)
    {
        ArgumentNullException.ThrowIfNull(text);
        int first = -1;
        int count = 0;
        for (int i = 0; i < text.Length; i += CharLength(text, i))
        {
            if (IsHidden(text, i, multiLine))
            {
                first = first < 0 ? i : first;
                count++;
            }
        }

        if (first < 0)
        {
            return null;
        }

        string more = count > 1 ? string.Create(CultureInfo.InvariantCulture, $" It is the first of {count} such characters in '{field}'.") : "";
        return new FieldError(field, $"'{field}'{Place(text, first, multiLine)}: {Describe(text, first)} {Context(text, first, multiLine)}. Delete it and type the text again.{more}");
    }

    /// <summary>
    /// One error per printed field of a stored <paramref name="draft"/> that has a hidden character, named as the letter
    /// JSON names it; empty when it has none. For versions stored before the parser refused them.
    /// </summary>
    public static IReadOnlyList<FieldError> FindIn(LetterDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var fields = new List<(string Field, string Text, bool MultiLine)> { ("subject", draft.Subject, false), ("body", draft.Body, true) };
        var enclosures = draft.Enclosures ?? [];
        for (int i = 0; i < enclosures.Count; i++)
        {
            if (enclosures[i] is EnclosedDocument document)
            {
                fields.Add(($"enclosures[{i}].title", document.Title, false));
            }
            else if (enclosures[i] is EnclosedLetter letter)
            {
                fields.Add(($"enclosures[{i}].body", letter.Body, true));
                for (int j = 0; j < letter.Signatories.Count; j++)
                {
                    fields.Add(($"enclosures[{i}].signatories[{j}].name", letter.Signatories[j].Name, false));
                    fields.Add(($"enclosures[{i}].signatories[{j}].title", letter.Signatories[j].Title, false));
                }
            }
        }

        return [.. fields.Select(f => Check(f.Field, f.Text, f.MultiLine)).OfType<FieldError>()];
    }

    /// <summary>The plain name of the character at <paramref name="at"/>, e.g. "an invisible right-to-left override (U+202E)".</summary>
    private static string Describe(string text, int at)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return string.Create(CultureInfo.InvariantCulture, $"a broken character (an unpaired UTF-16 surrogate, U+{(int)text[at]:X4})");
        }

        int value = rune.Value;
        string code = string.Create(CultureInfo.InvariantCulture, $"U+{value:X4}");
        if (Names.TryGetValue(value, out var name))
        {
            return $"{name} ({code})";
        }

        return (value, Rune.GetUnicodeCategory(rune)) switch
        {
            _ when IsVariationSelector(value) => $"an invisible variation selector ({code})",
            _ when IsTag(value) => $"an invisible tag character ({code})",
            ( >= 0x206A and <= 0x206F, _) => $"an invisible deprecated formatting character ({code})",
            (_, UnicodeCategory.Control) => $"an invisible control character ({code})",
            (_, UnicodeCategory.PrivateUse) => $"a private-use character ({code}), which every font draws differently",
            (_, UnicodeCategory.OtherNotAssigned) => $"a character Unicode does not assign ({code})",
            _ => $"an invisible formatting character ({code})",
        };
    }

    private static bool IsHidden(string text, int at, bool multiLine)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(at), out var rune, out _) != System.Buffers.OperationStatus.Done)
        {
            return true;
        }

        int value = rune.Value;
        if (value == SoftHyphen || (multiLine && value is '\n' or '\t'))
        {
            return false;
        }

        return Names.ContainsKey(value)
            || IsVariationSelector(value) || IsTag(value)
            || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;
    }

    private static bool IsVariationSelector(int value) => value is >= 0xFE00 and <= 0xFE0F or >= 0xE0100 and <= 0xE01EF or >= 0x180B and <= 0x180D or 0x180F;

    private static bool IsTag(int value) => value is >= 0xE0000 and <= 0xE007F;

    private static int CharLength(string text, int at) =>
        char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;

    /// <summary>", paragraph 3" (", paragraph 3, line 2" in a paragraph of several lines) in a body; ", character 9" in a line.</summary>
    private static string Place(string text, int at, bool multiLine)
    {
        if (!multiLine)
        {
            int position = 1;
            for (int i = 0; i < at; i += CharLength(text, i))
            {
                position++;
            }

            return string.Create(CultureInfo.InvariantCulture, $", character {position}");
        }

        string[] lines = text.Split('\n');
        int paragraph = 0;
        int lineInParagraph = 0;
        int offset = 0;
        bool previousBlank = true;
        for (int l = 0; l < lines.Length; l++)
        {
            bool blank = string.IsNullOrWhiteSpace(lines[l]);
            if (!blank && previousBlank)
            {
                paragraph++;
                lineInParagraph = 0;
            }

            lineInParagraph++;
            previousBlank = blank;
            if (at <= offset + lines[l].Length)
            {
                bool severalLines = lineInParagraph > 1 || (l + 1 < lines.Length && !string.IsNullOrWhiteSpace(lines[l + 1]));
                return severalLines
                    ? string.Create(CultureInfo.InvariantCulture, $", paragraph {paragraph}, line {lineInParagraph}")
                    : string.Create(CultureInfo.InvariantCulture, $", paragraph {paragraph}");
            }

            offset += lines[l].Length + 1;
        }

        return "";
    }

    /// <summary>"after 'Article '", or "at the start, before 'Article'" when nothing precedes it on its line.</summary>
    private static string Context(string text, int at, bool multiLine)
    {
        int lineStart = at == 0 ? 0 : text.LastIndexOf('\n', at - 1) + 1;
        int start = Math.Max(lineStart, at - ContextLength);
        if (start > lineStart)
        {
            int space = text.IndexOf(' ', start, at - start);
            start = space >= 0 && space + 1 < at ? space + 1 : start;
        }

        if (start < at && char.IsLowSurrogate(text[start]))
        {
            start++;
        }

        if (start < at)
        {
            return $"after '{text[start..at]}'";
        }

        int end = at + CharLength(text, at);
        int stop = end;
        while (stop < text.Length && stop - end < ContextLength && text[stop] != '\n')
        {
            stop++;
        }

        if (stop < text.Length && char.IsHighSurrogate(text[stop - 1]))
        {
            stop--;
        }

        string after = new([.. text[end..stop].Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)]);
        string where = multiLine ? "at the start of the line" : "at the start";
        return after.Trim().Length == 0 ? $"{where}, with nothing after it" : $"{where}, before '{after.TrimEnd()}'";
    }
}
