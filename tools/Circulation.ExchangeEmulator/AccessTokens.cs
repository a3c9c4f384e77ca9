using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Circulation.ExchangeEmulator;

/// <summary>
/// Issues and checks the emulator's access tokens: "emu.{expiry}.{HMAC}" keyed by the identity header's secret, so a
/// token stays valid across a restart of the emulator with the same secret, and a token from elsewhere is refused.
/// </summary>
public sealed class AccessTokens
{
    private readonly byte[] key;

    /// <summary>Creates the issuer for a secret.</summary>
    public AccessTokens(string secret) => this.key = Encoding.UTF8.GetBytes("circulation-exchange-emulator:" + secret);

    /// <summary>A token valid until <paramref name="expiresAt"/>.</summary>
    public string Issue(DateTimeOffset expiresAt)
    {
        string expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"emu.{expiry}.{this.Sign(expiry)}";
    }

    /// <summary>True when <paramref name="token"/> was issued here and has not expired.</summary>
    public bool IsValid(string token, DateTimeOffset now)
    {
        string[] parts = token.Split('.');
        return parts.Length == 3 && parts[0] == "emu"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long expiry)
            && DateTimeOffset.FromUnixTimeSeconds(expiry) > now
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(this.Sign(parts[1])), Encoding.ASCII.GetBytes(parts[2]));
    }

    private string Sign(string expiry) => Convert.ToHexString(HMACSHA256.HashData(this.key, Encoding.ASCII.GetBytes(expiry)));
}
