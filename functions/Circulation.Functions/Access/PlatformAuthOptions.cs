namespace Circulation.Functions.Access;

/// <summary>
/// What App Service says about its own authentication: the platform sets <c>WEBSITE_AUTH_ENABLED</c> to <c>True</c> when
/// App Service Authentication (Easy Auth) is on, and only then does it strip and rewrite the X-MS-CLIENT-PRINCIPAL header.
/// </summary>
public sealed class PlatformAuthOptions
{
    /// <summary>The app setting App Service sets when its authentication is on.</summary>
    public const string AuthEnabledSetting = "WEBSITE_AUTH_ENABLED";

    /// <summary>The setting's value as the platform gave it (null when absent).</summary>
    public string? AuthEnabled { get; set; }
}
