using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Circulation.Access;

/// <summary>
/// Decodes the principal App Service Authentication (Easy Auth) passes to the app in the X-MS-CLIENT-PRINCIPAL header:
/// base64 of JSON {"auth_typ", "claims": [{"typ", "val"}], "name_typ", "role_typ"}. Easy Auth strips this header from
/// incoming requests, so only the platform can set it; the local host never reads it.
/// </summary>
public static class EasyAuthPrincipal
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    private const int MaxHeaderLength = 32 * 1024;
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The principal in <paramref name="header"/>, or null when it is absent or not in the documented format.</summary>
    public static ClaimsPrincipal? Decode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(Convert.FromBase64String(header.Trim())), Json);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }

        if (payload?.Claims is not { Count: > 0 } claims || string.IsNullOrWhiteSpace(payload.AuthenticationType))
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            claims.Where(c => !string.IsNullOrEmpty(c.Type) && c.Value is not null).Select(c => new Claim(c.Type!, c.Value!)),
            StaffClaims.EasyAuthType,
            string.IsNullOrWhiteSpace(payload.NameType) ? ClaimTypes.Name : payload.NameType,
            string.IsNullOrWhiteSpace(payload.RoleType) ? ClaimTypes.Role : payload.RoleType);
        return new ClaimsPrincipal(identity);
    }

    private sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
        [property: JsonPropertyName("claims")] IReadOnlyList<PayloadClaim>? Claims,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("role_typ")] string? RoleType);

    private sealed record PayloadClaim(
        [property: JsonPropertyName("typ")] string? Type,
        [property: JsonPropertyName("val")] string? Value);
}
