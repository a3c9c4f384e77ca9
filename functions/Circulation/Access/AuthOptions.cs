namespace Circulation.Access;

/// <summary>Sign-in (section "Auth").</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Auth";

    /// <summary>EasyAuth in Azure (the default), OpenIdConnect in the local host.</summary>
    public AuthMode Mode { get; set; } = AuthMode.EasyAuth;

    /// <summary>Whether roles come from the staff directory (the default) or from the token's app roles.</summary>
    public RoleSource RolesFrom { get; set; } = RoleSource.Directory;

    /// <summary>The provider, in <see cref="AuthMode.OpenIdConnect"/> mode.</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}
