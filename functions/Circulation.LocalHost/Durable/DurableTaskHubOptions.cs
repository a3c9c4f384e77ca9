using System.ComponentModel.DataAnnotations;

namespace Circulation.LocalHost.Durable;

/// <summary>The Azure Storage task hub the local host runs orchestrations on (configuration section <c>Durable</c>).</summary>
public sealed class DurableTaskHubOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Durable";

    /// <summary>
    /// The task hub name: it prefixes the hub's queues, tables and blob containers, so it follows
    /// Azure Storage naming rules (3 to 45 letters or digits, starting with a letter).
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHubName { get; set; } = "CirculationHub";

    /// <summary>
    /// The longest wait between polls of an empty control or work-item queue. The backend's default (30 s)
    /// makes timers and raised events look seconds late; ~500 ms keeps the local host responsive.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:30")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a dequeued message stays invisible to other workers. If the host dies mid-step (kill -9),
    /// the step runs again once this has passed; the backend's 5-minute default would hold a letter still
    /// that long after a restart.
    /// </summary>
    /// <remarks>
    /// The sidecar's dispatchers never renew a message while its step runs (only Durable Functions does), so a
    /// step that takes longer than this (e.g. a send to a stalling mail server, retried) becomes visible again while
    /// it still runs. The backend does not hand one message out twice at once in one process, but another process on
    /// the same task hub could run it in parallel: keep this well above the longest step when scaling out. The steps
    /// are idempotent by identity, so a later re-run finds its earlier result.
    /// </remarks>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
