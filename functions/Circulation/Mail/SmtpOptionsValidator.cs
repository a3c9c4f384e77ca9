using Microsoft.Extensions.Options;

namespace Circulation.Mail;

/// <summary>Refuses start-up when SMTP credentials are configured without TLS: they would cross the network in clear.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Security != SmtpSecurity.None)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.UserName))
        {
            failures.Add(ClearCredentials("UserName"));
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            failures.Add(ClearCredentials("Password"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string ClearCredentials(string setting) =>
        $"Mail:Smtp:{setting} is set but Mail:Smtp:Security is None: credentials would cross the network in clear. Set Security to StartTls or SslOnConnect.";
}
