using Microsoft.Extensions.Options;

namespace Circulation.Functions.Access;

/// <summary>
/// Refuses start-up unless App Service Authentication is on: without it anyone could send an X-MS-CLIENT-PRINCIPAL
/// header naming any person with any role, and the Functions shell would believe it.
/// </summary>
public sealed class PlatformAuthOptionsValidator : IValidateOptions<PlatformAuthOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, PlatformAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return bool.TryParse(options.AuthEnabled, out bool enabled) && enabled
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{PlatformAuthOptions.AuthEnabledSetting} is '{options.AuthEnabled ?? "not set"}', so App Service Authentication is off "
                + "and the X-MS-CLIENT-PRINCIPAL header this app reads the signed-in person from could be forged by anyone. "
                + "Turn authentication on for the function app (the template's authsettingsV2 does; App Service then sets "
                + $"{PlatformAuthOptions.AuthEnabledSetting}=True), or run the local host, which ignores the header.");
    }
}
