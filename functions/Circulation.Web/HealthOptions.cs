using System.ComponentModel.DataAnnotations;

namespace Circulation.Web;

/// <summary>How GET api/health probes (section "Health").</summary>
public sealed class HealthOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Health";

    /// <summary>
    /// How long a probe's result is reused: GET api/health is anonymous, and without this every call would open a
    /// connection (and an SMTP session) to each dependency. Zero probes on every call (concurrent calls still share one).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);
}
