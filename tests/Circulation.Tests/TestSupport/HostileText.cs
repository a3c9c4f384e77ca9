namespace Circulation.Tests.TestSupport;

/// <summary>
/// The hostile-text catalogue: characters that make printed text read differently from what its approvers saw (bidi
/// controls, zero-width and other invisible characters, controls, separators, variation selectors, invisible letters,
/// private-use characters), each with the words the refusal must name it by. Every printed field refuses every one.
/// </summary>
internal static class HostileText
{
    /// <summary>(code point, expected words in the refusal).</summary>
    public static readonly (int CodePoint, string Name)[] Characters =
    [
        (0x202E, "right-to-left override"),
        (0x202D, "left-to-right override"),
        (0x202A, "left-to-right embedding"),
        (0x202B, "right-to-left embedding"),
        (0x202C, "pop directional formatting"),
        (0x2066, "left-to-right isolate"),
        (0x2067, "right-to-left isolate"),
        (0x2068, "first strong isolate"),
        (0x2069, "pop directional isolate"),
        (0x200E, "left-to-right mark"),
        (0x200F, "right-to-left mark"),
        (0x061C, "Arabic letter mark"),
        (0x200B, "zero-width space"),
        (0x200C, "zero-width non-joiner"),
        (0x200D, "zero-width joiner"),
        (0x2060, "word joiner"),
        (0x2062, "invisible times"),
        (0xFEFF, "byte order mark"),
        (0x180E, "Mongolian vowel separator"),
        (0x206A, "deprecated formatting character"),
        (0xFFF9, "invisible formatting character"),
        (0xE0041, "tag character"),
        (0xE007F, "tag character"),
        (0x2028, "line separator"),
        (0x2029, "paragraph separator"),
        (0x0007, "bell character"),
        (0x001B, "escape character"),
        (0x009B, "control character"),
        (0xFE0F, "variation selector"),
        (0xE0100, "variation selector"),
        (0x034F, "combining grapheme joiner"),
        (0x3164, "Hangul filler"),
        (0xE000, "private-use character"),
    ];

    /// <summary>The character as a string (a surrogate pair above U+FFFF).</summary>
    public static string Text(int codePoint) => char.ConvertFromUtf32(codePoint);

    /// <summary>How the refusal writes the code point, e.g. "U+202E".</summary>
    public static string Code(int codePoint) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"U+{codePoint:X4}");

    /// <summary>The attack of issue 14: "Article 51" that a browser shows as "Article 15".</summary>
    public static string Article(int codePoint) => $"Article {Text(codePoint)}51{Text(codePoint)} of the Charter";
}
