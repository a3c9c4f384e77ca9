namespace Circulation.Access;

/// <summary>How people sign in.</summary>
public enum AuthMode
{
    /// <summary>In Azure: App Service Authentication with Microsoft Entra ID passes the principal in X-MS-CLIENT-PRINCIPAL.</summary>
    EasyAuth,

    /// <summary>The local host: the authorization-code flow with PKCE against an OpenID Connect provider, then a cookie session.</summary>
    OpenIdConnect,
}
