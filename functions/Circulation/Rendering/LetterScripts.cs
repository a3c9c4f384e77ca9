using System.Globalization;
using System.Text;

namespace Circulation.Rendering;

/// <summary>
/// Decides whether text can be printed on a letter. PDFsharp draws one glyph per character, left to right,
/// with no shaping. Latin, Cyrillic and Greek print correctly; right-to-left scripts (Arabic, Hebrew...)
/// and scripts that need shaping (Devanagari and the other Indic scripts, Thai...) would print wrongly even
/// where the font has glyphs for them, and scripts the font lacks (CJK, Georgian, Armenian...) would print
/// as empty boxes. Such text is refused before anything is stored.
/// </summary>
internal static class LetterScripts
{
    /// <summary>The scripts letters can use, for messages.</summary>
    public const string Supported = "Letters can use the Latin, Cyrillic and Greek scripts (a transliteration works for names in other scripts).";

    // Scripts refused even where Liberation Serif has glyphs (Hebrew): PDFsharp has no bidi and no shaping.
    private static readonly (int First, int Last, string Name)[] Refused =
    [
        (0x0590, 0x05FF, "Hebrew"), (0xFB1D, 0xFB4F, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x0870, 0x08FF, "Arabic"),
        (0xFB50, 0xFDFF, "Arabic"), (0xFE70, 0xFEFC, "Arabic"),
        (0x0700, 0x074F, "Syriac"), (0x0780, 0x07BF, "Thaana"), (0x07C0, 0x07FF, "N'Ko"), (0x0800, 0x086F, "right-to-left"),
        (0x0900, 0x097F, "Devanagari"), (0x0980, 0x09FF, "Bengali"), (0x0A00, 0x0A7F, "Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati"), (0x0B00, 0x0B7F, "Oriya"), (0x0B80, 0x0BFF, "Tamil"), (0x0C00, 0x0C7F, "Telugu"),
        (0x0C80, 0x0CFF, "Kannada"), (0x0D00, 0x0D7F, "Malayalam"), (0x0D80, 0x0DFF, "Sinhala"),
        (0x0E00, 0x0E7F, "Thai"), (0x0E80, 0x0EFF, "Lao"), (0x0F00, 0x0FFF, "Tibetan"), (0x1000, 0x109F, "Myanmar"),
        (0x1780, 0x17FF, "Khmer"), (0x1800, 0x18AF, "Mongolian"),
    ];

    // Scripts named in messages when the font has no glyphs for them.
    private static readonly (int First, int Last, string Name)[] Named =
    [
        (0x0530, 0x058F, "Armenian"), (0x10A0, 0x10FF, "Georgian"), (0x1100, 0x11FF, "Korean"), (0x3130, 0x318F, "Korean"),
        (0xAC00, 0xD7AF, "Korean"), (0x1200, 0x139F, "Ethiopic"), (0x2E80, 0x2FFF, "Chinese"), (0x3000, 0x303F, "Chinese"),
        (0x3040, 0x30FF, "Japanese"), (0x3400, 0x4DBF, "Chinese"), (0x4E00, 0x9FFF, "Chinese"), (0xF900, 0xFAFF, "Chinese"),
        (0x20000, 0x2FFFF, "Chinese"),
    ];

    private const int SoftHyphen = 0x00AD; // never printed: the line breaker removes it

    private static readonly Lazy<HashSet<int>> Covered = new(LoadCoverage);

    /// <summary>
    /// Null when <paramref name="text"/> prints correctly; otherwise what is wrong, e.g.
    /// "Arabic text (\"مرحبا\")". Line feeds and tabs are allowed.
    /// </summary>
    public static string? FindUnprintable(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var covered = Covered.Value;
        for (int i = 0; i < normalized.Length;)
        {
            if (Rune.DecodeFromUtf16(normalized.AsSpan(i), out var rune, out int length) != System.Buffers.OperationStatus.Done)
            {
                return "a broken character (an unpaired UTF-16 surrogate)";
            }

            int value = rune.Value;
            if (value is '\n' or '\r' or '\t')
            {
                i += length;
                continue;
            }

            if (ScriptOf(Refused, value) is { } refused)
            {
                return $"{refused} text ({Sample(normalized, i)})";
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a combining mark with no precomposed form (U+{value:X4} in {Sample(normalized, i)})");
            }

            // Refused whether or not the font has a glyph: browsers apply bidi controls and hide zero-width characters,
            // the PDF does neither, so approvers and missions would read different texts (see HiddenCharacters).
            if (category == UnicodeCategory.Format && value != SoftHyphen)
            {
                return string.Create(CultureInfo.InvariantCulture, $"an invisible formatting character (U+{value:X4}, in {Sample(normalized, i)}; text pasted from other programs often brings one: delete it)");
            }

            if (!covered.Contains(value) && !Rune.IsWhiteSpace(rune) && value != SoftHyphen)
            {
                string what = ScriptOf(Named, value) is { } name ? $"{name} text" : "characters the letter font has no glyph for";
                return string.Create(CultureInfo.InvariantCulture, $"{what} ({Sample(normalized, i)}, U+{value:X4})");
            }

            i += length;
        }

        return null;
    }

    private static string? ScriptOf((int First, int Last, string Name)[] table, int value)
    {
        foreach (var (first, last, name) in table)
        {
            if (value >= first && value <= last)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The word around position <paramref name="at"/>, quoted, at most 20 characters.</summary>
    private static string Sample(string text, int at)
    {
        int start = at;
        while (start > 0 && at - start < 10 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        int end = at;
        while (end < text.Length && end - start < 20 && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end++;
        }

        return "\"" + text[start..end] + "\"";
    }

    /// <summary>The characters every face of the embedded Liberation Serif has glyphs for.</summary>
    private static HashSet<int> LoadCoverage()
    {
        HashSet<int>? covered = null;
        foreach (var face in new[] { LetterFontResolver.Regular, LetterFontResolver.Bold, LetterFontResolver.Italic, LetterFontResolver.BoldItalic })
        {
            var faceCoverage = FontCoverage.Read(LetterFontResolver.LoadFace(face));
            if (covered is null)
            {
                covered = faceCoverage;
            }
            else
            {
                covered.IntersectWith(faceCoverage);
            }
        }

        return covered!;
    }
}
