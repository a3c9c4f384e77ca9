using Circulation.Domain;
using Circulation.ReadModel;
using Microsoft.DurableTask;

namespace Circulation.Workflow;

/// <summary>
/// A resend's workflow: the letter's signed copy again to the missions a person named, each recorded as another attempt
/// of that mission's delivery, with the same batching and retries as the distribution (<see cref="DeliveryRounds"/>).
/// Its instance id comes from the request (<see cref="ResendRequest.InstanceId"/>), so a repeated request is one resend.
/// It adds a <see cref="LetterEventKind.ResendRequested"/> event to the letter's timeline, and at its end
/// a <see cref="LetterEventKind.ResendFinished"/> one, with the letter's counts recounted.
/// </summary>
public sealed class ResendDeliveries : TaskOrchestrator<ResendRequest, DeliveryTally>
{
    /// <inheritdoc/>
    public override async Task<DeliveryTally> RunAsync(TaskOrchestrationContext context, ResendRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var tally = new DeliveryTally(input.MissionIds.Count, 0, 0, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        context.SetCustomStatus(tally);
        string text = $"{input.MissionIds.Count} {(input.MissionIds.Count == 1 ? "mission" : "missions")}: {string.Join(", ", (input.MissionNames ?? input.MissionIds).Take(10))}"
            + (input.MissionIds.Count > 10 ? ", …" : "") + (string.IsNullOrWhiteSpace(input.Reason) ? "" : $". {input.Reason}");
        await LetterRecorder.RecordEventAsync(context, input.LetterId, input.Version, LetterEventKind.ResendRequested, input.RequestedBy, text);
        var rounds = new DeliveryRounds(input.LetterId, input.Version, input.BatchSize, input.Parallelism, input.Key);
        await rounds.RunAsync(
            context,
            input.MissionIds,
            result =>
            {
                tally = tally.Add(result.Sent, result.Failed);
                context.SetCustomStatus(tally);
                return Task.CompletedTask;
            },
            (until, why) =>
            {
                tally = tally with { WaitingUntil = until, Waiting = why };
                context.SetCustomStatus(tally);
                return Task.CompletedTask;
            });
        await LetterRecorder.RecordResendEndedAsync(context, input.LetterId, input.Version, input.RequestedBy, tally);
        return tally;
    }
}
