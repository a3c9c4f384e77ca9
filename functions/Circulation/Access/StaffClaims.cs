using System.Security.Claims;
using Circulation.Mail;

namespace Circulation.Access;

/// <summary>Reads who a signed-in principal is, whichever shell made it (Easy Auth's header or the local cookie).</summary>
public static class StaffClaims
{
    /// <summary>The claim with the person's e-mail address in tokens of OpenID Connect providers.</summary>
    public const string Email = "email";

    /// <summary>The claim with the person's name.</summary>
    public const string Name = "name";

    /// <summary>The claim with an app role (Microsoft Entra ID and the local provider).</summary>
    public const string Roles = "roles";

    /// <summary>The authentication type given to principals built from Easy Auth's header.</summary>
    public const string EasyAuthType = "EasyAuth";

    // Entra ID puts the sign-in address in preferred_username (work accounts often have no email claim).
    private static readonly string[] EmailClaims = [Email, ClaimTypes.Email, "preferred_username", ClaimTypes.Upn, "upn"];

    /// <summary>The signed-in person's e-mail address, or null when not signed in or the token carries none.</summary>
    public static string? EmailOf(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        foreach (string type in EmailClaims)
        {
            if (principal.FindFirst(type)?.Value is { } value && EmailAddressRule.IsValid(value.Trim()))
            {
                return value.Trim();
            }
        }

        return null;
    }

    /// <summary>The app roles in the principal's token (any of the usual role claim types).</summary>
    public static IReadOnlyList<string> AppRolesOf(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return [.. principal.Identities
            .SelectMany(i => i.Claims.Where(c => c.Type == i.RoleClaimType || c.Type is Roles or ClaimTypes.Role))
            .Select(c => c.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
