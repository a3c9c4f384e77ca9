using System.Globalization;
using System.Text;

namespace Circulation.ReadModel;

/// <summary>
/// The words of a subject as the subject search compares them: split on anything but letters and digits, lower case,
/// accents removed ("Résolution 78/1" gives "resolution", "78", "1"), each word once, in order of first appearance.
/// </summary>
public static class SubjectWords
{
    /// <summary>The longest word kept; longer runs of letters are cut (a search for them still matches).</summary>
    public const int MaxWordLength = 64;

    /// <summary>The normalized words of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var word = new StringBuilder();
        foreach (char c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            Flush(word, words);
        }

        Flush(word, words);
        return words;
    }

    /// <summary>The words joined as the index stores them: " w1 w2 … " (a space before and after each), for whole-word checks.</summary>
    public static string Joined(IEnumerable<string> words) => " " + string.Join(' ', words) + " ";

    /// <summary>True when <paramref name="joined"/> (from <see cref="Joined"/>) holds every one of <paramref name="words"/>.</summary>
    public static bool ContainsAll(string? joined, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        return joined is not null && words.All(w => joined.Contains(" " + w + " ", StringComparison.Ordinal));
    }

    private static void Flush(StringBuilder word, List<string> words)
    {
        if (word.Length == 0)
        {
            return;
        }

        string w = word.Length > MaxWordLength ? word.ToString(0, MaxWordLength) : word.ToString();
        word.Clear();
        if (!words.Contains(w, StringComparer.Ordinal))
        {
            words.Add(w);
        }
    }
}
