using Circulation.Domain;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Tests.Workflow.Versioning;

/// <summary>
/// The letter workflow as the versioning test deploys it, registered as <see cref="CirculateLetter"/>. Before the
/// upgrade the host runs <see cref="OlderVersion"/>'s code only; after it, the code of a release that changed the
/// workflow the way docs/architecture.md says: the new steps behind <see cref="WorkflowVersions.IsAtLeast"/>, the older
/// version's steps kept for the letters started on it.
/// </summary>
/// <param name="upgraded">Whether the upgrade has been deployed, read at each replay, as a new deploy's code would be.</param>
internal sealed class UpgradedCirculateLetter(Func<bool> upgraded) : TaskOrchestrator<CirculationInput, LetterProgress>
{
    /// <summary>A version older than the baseline that exists only in the tests: the baseline without its distribution report.</summary>
    public const string OlderVersion = "0.9";

    public override Task<LetterProgress> RunAsync(TaskOrchestrationContext context, CirculationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var workflow = new CirculateLetter();
        return upgraded() && WorkflowVersions.IsAtLeast(context, WorkflowVersions.Baseline)
            ? workflow.RunAsync(context, input)
            : workflow.RunAsync(new WithoutDistributionReport(context), input);
    }
}
