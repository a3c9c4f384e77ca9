using Circulation.Domain;
using Circulation.ReadModel;
using Microsoft.DurableTask;

namespace Circulation.Workflow;

/// <summary>
/// How the workflow tells the read model what changed: after each transition, one <see cref="RecordLetterChange"/>
/// activity with the letter's summary and the timeline event. Letters started before <see cref="WorkflowVersions.ReadModel"/>
/// record nothing (their history has no such activity).
/// </summary>
public static class LetterRecorder
{
    /// <summary>
    /// Records <paramref name="progress"/> of <paramref name="input"/>'s letter and, when <paramref name="kind"/> is set,
    /// an event of that kind at the orchestration's current time, with an id from <c>context.NewGuid()</c>.
    /// </summary>
    /// <param name="context">The orchestration.</param>
    /// <param name="input">The execution's input (drafter, list, approvers).</param>
    /// <param name="progress">The letter's state after the change.</param>
    /// <param name="kind">What happened, or null when only counters moved.</param>
    /// <param name="actor">Who did it, or who it went to.</param>
    /// <param name="text">A comment, reason or decision.</param>
    /// <param name="at">When it happened, when not now (a decision's own time).</param>
    public static async Task RecordAsync(
        TaskOrchestrationContext context,
        CirculationInput input,
        LetterProgress progress,
        LetterEventKind? kind,
        string? actor = null,
        string? text = null,
        DateTimeOffset? at = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!WorkflowVersions.IsAtLeast(context, WorkflowVersions.ReadModel))
        {
            return;
        }

        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var e = kind is { } k ? new LetterEvent(context.NewGuid().ToString("N"), k, at ?? now, actor, text, progress.Version) : null;
        await context.CallActivityAsync<bool>(nameof(RecordLetterChange), new LetterChange(LetterSummary.Of(input, progress, now), e), WorkflowRetries.Storage);
    }
}
