using System.Buffers.Text;
using System.Text;
using System.Text.RegularExpressions;

namespace Circulation.ReadModel;

/// <summary>
/// The opaque continuation of a letters list: base64url of "v1:" and the row key of the page's last letter. Every list
/// (the letter rows, a word's index partition) is ordered by the same row key, so it resumes any of them.
/// </summary>
public static partial class ListContinuation
{
    private const string Prefix = "v1:";

    /// <summary>The token that resumes after <paramref name="rowKey"/>.</summary>
    public static string Encode(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + rowKey));
    }

    /// <summary>The row key in <paramref name="token"/>, or null when it is not a token this list gave out.</summary>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 128 || !Base64Url.IsValid(token))
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        return text.StartsWith(Prefix, StringComparison.Ordinal) && RowKeyShape().IsMatch(text[Prefix.Length..]) ? text[Prefix.Length..] : null;
    }

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[2-9A-HJ-NP-Z]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex RowKeyShape();
}
