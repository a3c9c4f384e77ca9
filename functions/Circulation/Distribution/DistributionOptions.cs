using System.ComponentModel.DataAnnotations;

namespace Circulation.Distribution;

/// <summary>Limits on what people may ask of a letter's distribution (section "Distribution").</summary>
public sealed class DistributionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Distribution";

    /// <summary>How many resends one mission may be sent of one letter; each also spends the sending mailbox's daily recipient budget.</summary>
    [Range(1, 20)]
    public int MaxResendsPerMission { get; set; } = 3;
}
