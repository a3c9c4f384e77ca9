using System.ComponentModel.DataAnnotations;

namespace Circulation.LocalHost.Durable;

/// <summary>The storage account holding the task hub (configuration section <c>Storage</c>).</summary>
public sealed class DurableStorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// An explicit connection string with blob, queue and table endpoints (Azurite in practice);
    /// explicit because Azurite's ports are configurable and <c>UseDevelopmentStorage=true</c> assumes the defaults.
    /// </summary>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;
}
