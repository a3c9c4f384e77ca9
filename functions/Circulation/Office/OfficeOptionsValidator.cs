using Microsoft.Extensions.Options;

namespace Circulation.Office;

/// <summary>Refuses start-up when <see cref="OfficeOptions.TimeZone"/> names no time zone this machine knows.</summary>
public sealed class OfficeOptionsValidator : IValidateOptions<OfficeOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, OfficeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Fail($"Office:TimeZone '{options.TimeZone}' is not a time zone this machine knows: use an IANA time zone id such as America/New_York.")
            : ValidateOptionsResult.Success;
    }
}
