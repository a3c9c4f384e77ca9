using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Circulation.Domain;
using Microsoft.Extensions.Options;

namespace Circulation.Approval;

/// <summary>
/// Issues and checks the HMAC-SHA256-signed tokens carried by approval and signature links. A token
/// binds letter, version, purpose, step, actor, the rendition's SHA-256 and expiry, and names the key that signed it: new tokens
/// are signed with <see cref="LinkOptions.ActiveKeyId"/>, and a token verifies while its key is listed in
/// <see cref="LinkOptions.SigningKeys"/>. One-time use is enforced by the caller.
/// </summary>
public sealed class LinkTokenService
{
    // c3 added the rendition's SHA-256 (empty when none): a c2 token, which lacked it, no longer verifies.
    private const string FormatVersion = "c3";
    private readonly Dictionary<string, byte[]> keys;
    private readonly string activeKeyId;
    private readonly byte[] activeKey;
    private readonly TimeProvider clock;

    /// <summary>Creates the service with the configured signing keys; throws <see cref="OptionsValidationException"/> when they are unusable.</summary>
    public LinkTokenService(IOptions<LinkOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var links = options.Value;
        var failures = LinkOptionsValidator.Failures(links);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(LinkOptions), failures);
        }

        this.keys = links.SigningKeys.ToDictionary(k => k.Key, k => LinkOptionsValidator.Decode(k.Value), StringComparer.OrdinalIgnoreCase);
        this.activeKeyId = links.ActiveKeyId;
        this.activeKey = this.keys[links.ActiveKeyId];
        this.clock = clock;
    }

    /// <summary>Returns the URL-safe token string for <paramref name="token"/>.</summary>
    public string Issue(LinkToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        string payload = string.Join(
            '|',
            FormatVersion,
            this.activeKeyId,
            token.LetterId,
            token.Version.ToString(CultureInfo.InvariantCulture),
            token.Purpose.ToString(),
            token.Step.ToString(CultureInfo.InvariantCulture),
            token.Actor,
            token.TokenId,
            token.RenditionSha256 ?? "",
            token.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        byte[] payloadBytes = Encoding.UTF8.GetBytes(payload);
        return $"{Base64Url(payloadBytes)}.{Base64Url(HMACSHA256.HashData(this.activeKey, payloadBytes))}";
    }

    /// <summary>Checks <paramref name="value"/>; the token is returned for Valid and Expired.</summary>
    public LinkTokenStatus Check(string? value, out LinkToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return LinkTokenStatus.Malformed;
        }

        int dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !TryFromBase64Url(value[..dot], out byte[] payloadBytes) || !TryFromBase64Url(value[(dot + 1)..], out byte[] signature))
        {
            return LinkTokenStatus.Malformed;
        }

        if (signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return LinkTokenStatus.Malformed;
        }

        // The key id is read before the signature is checked (it says which key to check it with); a token in
        // another format, or naming a key that is not (or no longer) listed, cannot be genuine.
        string text = Encoding.UTF8.GetString(payloadBytes);
        string[] parts = text.Split('|');
        if (parts.Length < 2 || parts[0] != FormatVersion || !LinkOptionsValidator.IsValidKeyId(parts[1])
            || !this.keys.TryGetValue(parts[1], out byte[]? key)
            || !CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payloadBytes), signature))
        {
            return LinkTokenStatus.Tampered;
        }

        // An e-mail address may itself contain '|', so the actor is everything between the fixed fields.
        if (parts.Length < 10
            || !IsSha256OrEmpty(parts[^2])
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out int version)
            || !Enum.TryParse(parts[4], out LinkPurpose purpose)
            || !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out int step)
            || !long.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out long expires))
        {
            return LinkTokenStatus.Malformed;
        }

        token = new LinkToken(
            parts[2], version, purpose, step, string.Join('|', parts[6..^3]), parts[^3], DateTimeOffset.FromUnixTimeSeconds(expires), parts[^2].Length == 0 ? null : parts[^2]);
        return this.clock.GetUtcNow() >= token.ExpiresAt ? LinkTokenStatus.Expired : LinkTokenStatus.Valid;
    }

    private static bool IsSha256OrEmpty(string text) =>
        text.Length == 0 || (text.Length == 64 && text.All(char.IsAsciiHexDigitLower));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryFromBase64Url(string text, out byte[] bytes)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[padded.Length];
        // Only the canonical spelling: the last character's unused bits would otherwise let several strings stand for one token.
        if (Convert.TryFromBase64String(padded, bytes, out int written) && Base64Url(bytes[..written]) == text)
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
