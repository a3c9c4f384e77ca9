using System.ComponentModel.DataAnnotations;
using Microsoft.DurableTask.Worker;

namespace Circulation.LocalHost.Durable;

/// <summary>
/// The Durable Functions settings of the repository's host.json (section <c>extensions:durableTask</c>), which the local
/// host reads too, so the task hub's name and the workflow's versioning live in one place for both shells. Environment
/// variables override them as usual (e.g. <c>extensions__durableTask__defaultVersion</c>).
/// </summary>
public sealed class HostJsonDurableOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "extensions:durableTask";

    /// <summary>
    /// The task hub name: it prefixes the hub's queues, tables and blob containers, so it follows
    /// Azure Storage naming rules (3 to 45 letters or digits, starting with a letter).
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string HubName { get; set; } = "";

    /// <summary>The version new orchestrations start with, and the version of this worker.</summary>
    [Required]
    public string DefaultVersion { get; set; } = "";

    /// <summary>Which instances this worker runs: <c>CurrentOrOlder</c> runs its own version and every older one.</summary>
    public DurableTaskWorkerOptions.VersionMatchStrategy VersionMatchStrategy { get; set; } = DurableTaskWorkerOptions.VersionMatchStrategy.CurrentOrOlder;

    /// <summary>What happens to an instance of a newer version (after a rollback): <c>Reject</c> leaves it for a newer worker.</summary>
    public DurableTaskWorkerOptions.VersionFailureStrategy VersionFailureStrategy { get; set; } = DurableTaskWorkerOptions.VersionFailureStrategy.Reject;
}
