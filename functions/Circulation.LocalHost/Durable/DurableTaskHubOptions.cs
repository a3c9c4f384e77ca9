using System.ComponentModel.DataAnnotations;

namespace Circulation.LocalHost.Durable;

/// <summary>
/// How the local host polls its Azure Storage task hub (configuration section <c>Durable</c>); the hub's name and the
/// workflow versioning come from host.json (<see cref="HostJsonDurableOptions"/>).
/// </summary>
public sealed class DurableTaskHubOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Durable";

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
