using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Circulation.Drafting;

/// <summary>Letter ids: time-ordered, URL- and blob-name-safe, e.g. "L20261125-103512-7K2QX9".</summary>
public static partial class LetterId
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Makes a new id for a letter created at <paramref name="now"/>.</summary>
    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (int i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Create(CultureInfo.InvariantCulture, $"L{now.UtcDateTime:yyyyMMdd-HHmmss}-{suffix}");
    }

    /// <summary>When the letter <paramref name="letterId"/> was created (UTC, to the second), read from its id.</summary>
    public static DateTimeOffset CreatedAt(string letterId)
    {
        if (!IsWellFormed(letterId))
        {
            throw new ArgumentException($"'{letterId}' is not a letter id.", nameof(letterId));
        }

        return DateTimeOffset.ParseExact(letterId.AsSpan(1, 15), "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>True when <paramref name="value"/> has the shape of a letter id (checked before any storage access).</summary>
    public static bool IsWellFormed(string? value) => value is not null && Shape().IsMatch(value);

    [GeneratedRegex("^L[0-9]{8}-[0-9]{6}-[2-9A-HJ-NP-Z]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
