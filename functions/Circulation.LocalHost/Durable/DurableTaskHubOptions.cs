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
    /// that long after a restart. Long-running steps keep their messages hidden by renewing them.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
