using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;

namespace Circulation.Workflow;

/// <summary>
/// The versions of the <see cref="CirculateLetter"/> workflow. An instance keeps the version it was started with (the
/// host's <c>extensions:durableTask:defaultVersion</c> in host.json at the time) for its whole life, across deploys and
/// ContinueAsNew, and the orchestrator branches on it (<see cref="IsAtLeast"/>) wherever behaviour changes, so a letter
/// waiting for days replays exactly the steps it was started with (docs/architecture.md, "Changing the workflow").
/// </summary>
public static class WorkflowVersions
{
    /// <summary>
    /// The baseline: drafting, approval, signature (retried on its own policy, then an admin's retry), distribution in
    /// batches retried in rounds, the manifest and the distribution report, the read model, and the Office's commands.
    /// </summary>
    public const string Baseline = "1.0";

    /// <summary>The version new letters start on: host.json's <c>defaultVersion</c> (a test compares them).</summary>
    public const string Current = Baseline;

    /// <summary>True when <paramref name="context"/>'s instance was started on <paramref name="version"/> or later.</summary>
    public static bool IsAtLeast(TaskOrchestrationContext context, string version)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TaskOrchestrationVersioningUtils.CompareVersions(context.Version, version) >= 0;
    }
}
