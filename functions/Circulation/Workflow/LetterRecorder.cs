using Circulation.Domain;
using Circulation.ReadModel;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Workflow;

/// <summary>
/// How the workflow tells the read model what changed: after each transition, one <see cref="RecordLetterChange"/>
/// activity with the letter's summary and the timeline event. The orchestration's custom status is kept small
/// (<see cref="StatusOf"/>): the comments, rounds and timeline are the read model's.
/// </summary>
public static class LetterRecorder
{
    /// <summary>The longest delivery wait reason the small custom status keeps.</summary>
    public const int MaxStatusWaitingLength = 300;

    /// <summary>How many replacements the small custom status keeps (who may still open the letter through a link).</summary>
    public const int MaxStatusReplacements = 6;

    /// <summary>
    /// Records <paramref name="progress"/> of <paramref name="input"/>'s letter and, when <paramref name="kind"/> is set,
    /// an event of that kind at the orchestration's current time, with an id from <c>context.NewGuid()</c>. It
    /// also sets the custom status to the small status of <paramref name="progress"/>, so a transition that records
    /// never leaves the full progress in the status.
    /// </summary>
    /// <param name="context">The orchestration.</param>
    /// <param name="input">The execution's input (drafter, list, approvers).</param>
    /// <param name="progress">The letter's state after the change.</param>
    /// <param name="kind">What happened, or null when only counters moved.</param>
    /// <param name="actor">Who did it, or who it went to.</param>
    /// <param name="text">A comment, reason or decision (<see cref="DecisionText"/> for <see cref="LetterEventKind.Decided"/>).</param>
    /// <param name="at">When it happened, when not now (a decision's own time).</param>
    /// <param name="renditionSha256">For a decision or the signature: the SHA-256 of the PDF decided on or signed.</param>
    public static async Task RecordAsync(
        TaskOrchestrationContext context,
        CirculationInput input,
        LetterProgress progress,
        LetterEventKind? kind,
        string? actor = null,
        string? text = null,
        DateTimeOffset? at = null,
        string? renditionSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        SetStatus(context, progress);
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var e = kind is { } k ? new LetterEvent(context.NewGuid().ToString("N"), k, at ?? now, actor, text, progress.Version, renditionSha256) : null;
        await context.CallActivityAsync<bool>(nameof(RecordLetterChange), new LetterChange(LetterSummary.Of(input, progress, now), e), WorkflowRetries.Storage);
    }

    /// <summary>
    /// Adds an event of <paramref name="kind"/> to the timeline of <paramref name="letterId"/> without changing its row
    /// (for workflows other than the letter's own, such as a resend).
    /// </summary>
    public static async Task RecordEventAsync(
        TaskOrchestrationContext context, string letterId, int version, LetterEventKind kind, string? actor = null, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var e = new LetterEvent(context.NewGuid().ToString("N"), kind, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), actor, text, version);
        await context.CallActivityAsync<bool>(nameof(RecordLetterEvent), new LetterEventRecord(letterId, e), WorkflowRetries.Storage);
    }

    /// <summary>
    /// Records the end of a resend of <paramref name="letterId"/>: a <see cref="LetterEventKind.ResendFinished"/> event
    /// with <paramref name="tally"/> in words, then the letter row's counts recounted from every mission's latest
    /// attempt (<see cref="RecountLetterDeliveries"/>), so a mission reached by the resend no longer counts as failed.
    /// </summary>
    public static async Task RecordResendEndedAsync(
        TaskOrchestrationContext context, string letterId, int version, string? requestedBy, DeliveryTally tally)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tally);
        await RecordEventAsync(context, letterId, version, LetterEventKind.ResendFinished, requestedBy, tally.InWords);
        await RecountDeliveriesAsync(context, letterId);
    }

    /// <summary>
    /// Sets the letter row's sent and failed counts from each mission's latest attempt (<see cref="RecountLetterDeliveries"/>):
    /// after a resend, and after the distribution's own end (whose row, written from the distribution's own counts, would
    /// otherwise undo a resend that ended while it still ran).
    /// A recount that fails is logged: the copies went out all the same, and the next recount mends the counts.
    /// </summary>
    public static async Task RecountDeliveriesAsync(TaskOrchestrationContext context, string letterId)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.CallActivityAsync<DeliveryTally>(
                nameof(RecountLetterDeliveries), new LetterRecount(letterId, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)), WorkflowRetries.Storage);
        }
        catch (TaskFailedException ex)
        {
            context.CreateReplaySafeLogger(nameof(LetterRecorder)).LogWarning(
                "Letter {LetterId}: its delivery counts could not be recounted: {Reason}", letterId, ex.FailureDetails?.ErrorMessage ?? ex.Message);
        }
    }

    /// <summary>Sets the custom status to the small status of <paramref name="progress"/> (<see cref="StatusOf"/>).</summary>
    public static void SetStatus(TaskOrchestrationContext context, LetterProgress progress)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetCustomStatus(StatusOf(progress));
    }

    /// <summary>
    /// The small custom status of <paramref name="progress"/>: stage, version, subject, counters and the pending link,
    /// without approvals, earlier rounds or note (whose comments can be long), so it stays well under 2 KB.
    /// </summary>
    public static LetterProgress StatusOf(LetterProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var waiting = progress.Deliveries.Waiting is { Length: > MaxStatusWaitingLength } w ? w[..(MaxStatusWaitingLength - 1)] + "…" : progress.Deliveries.Waiting;
        return progress with
        {
            Approvals = [],
            EarlierRounds = null,
            Note = null,
            Deliveries = progress.Deliveries with { Waiting = waiting },
            Actions = StatusActionsOf(progress),
        };
    }

    /// <summary>
    /// The actions the status keeps for the link pages and access checks: the withdrawal, and the last
    /// <see cref="MaxStatusReplacements"/> replacements without their reasons. Reminders stay out (the timeline and the
    /// manifest have every action).
    /// </summary>
    private static IReadOnlyList<LetterAction>? StatusActionsOf(LetterProgress progress)
    {
        if (progress.Actions is not { Count: > 0 } actions)
        {
            return progress.Actions;
        }

        var replacements = actions.Where(a => a.Kind == LetterActionKind.Replaced).TakeLast(MaxStatusReplacements).Select(a => a with { Reason = null });
        return [.. replacements, .. actions.Where(a => a.Kind == LetterActionKind.Withdrawn).TakeLast(1)];
    }
}
