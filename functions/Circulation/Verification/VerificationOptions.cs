using System.ComponentModel.DataAnnotations;

namespace Circulation.Verification;

/// <summary>The public verification page and API (section "Verification").</summary>
public sealed class VerificationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Verification";

    /// <summary>How many checks (page answers and API calls) one client address may make a minute, per instance of the app.</summary>
    [Range(1, 100_000)]
    public int ChecksPerMinute { get; set; } = 30;
}
