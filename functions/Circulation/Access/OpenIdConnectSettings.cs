namespace Circulation.Access;

/// <summary>The OpenID Connect provider the local host signs people in with (section "Auth:OpenIdConnect").</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>The provider's issuer URL, e.g. http://127.0.0.1:7073/.</summary>
    public string Authority { get; set; } = "";

    /// <summary>This app's client id at the provider.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>This app's client secret at the provider.</summary>
    public string ClientSecret { get; set; } = "";
}
