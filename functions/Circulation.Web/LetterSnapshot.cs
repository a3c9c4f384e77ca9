using Circulation.Domain;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>A letter's progress as read from its orchestration, with the instance's own facts.</summary>
/// <param name="Progress">The letter's state.</param>
/// <param name="Input">What the circulation started with.</param>
/// <param name="RuntimeStatus">The orchestration's runtime status.</param>
/// <param name="CreatedAt">When the letter was created.</param>
/// <param name="LastUpdatedAt">When its state last changed.</param>
/// <param name="Failure">The error, when the workflow itself failed.</param>
public sealed record LetterSnapshot(
    LetterProgress Progress,
    Workflow.CirculationInput Input,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Failure)
{
    /// <summary>
    /// True when the drafter may edit or submit the letter now: its state allows it and its workflow is still there to
    /// take the change (a workflow that ended, e.g. a letter whose changes were requested before revisions existed, is not).
    /// </summary>
    public bool IsEditable => this.Progress.IsEditable
        && this.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated);
}
