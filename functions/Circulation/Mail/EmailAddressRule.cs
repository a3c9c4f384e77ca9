using System.Net.Mail;

namespace Circulation.Mail;

/// <summary>The one rule for what counts as a usable e-mail address anywhere in Circulation.</summary>
public static class EmailAddressRule
{
    /// <summary>True for a bare address ("name@domain.tld") with no display name, spaces or missing top-level domain.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!MailAddress.TryCreate(value, out var parsed) || !string.Equals(parsed.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        return parsed.DisplayName.Length == 0
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.')
            && !parsed.Host.EndsWith('.');
    }
}
