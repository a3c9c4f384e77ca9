using System.Diagnostics.CodeAnalysis;

namespace Circulation.Verification;

/// <summary>A SHA-256 written as text: 64 hexadecimal characters, kept in lower case (the archive's spelling).</summary>
public static class Sha256Text
{
    /// <summary>The length of a SHA-256 in hexadecimal characters.</summary>
    public const int Length = 64;

    /// <summary>
    /// True when <paramref name="value"/> (surrounding white space aside) is 64 hexadecimal characters, in either case;
    /// <paramref name="sha256"/> is then the same in lower case.
    /// </summary>
    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? sha256)
    {
        string trimmed = value?.Trim() ?? "";
        if (trimmed.Length != Length || !trimmed.All(char.IsAsciiHexDigit))
        {
            sha256 = null;
            return false;
        }

        sha256 = trimmed.ToLowerInvariant();
        return true;
    }
}
