using Circulation.Distribution;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Workflow;

/// <summary>
/// Orchestrator code that sends a letter's copies to missions: in batches, one <see cref="SendToMissions"/> activity a
/// batch and two batches in flight, so a distribution costs a few dozen history events rather than a thousand. Missions
/// handed back (a transient mail failure, a storage fault, no mailbox budget left) are tried again in a later round
/// after a durable timer: 15 s, 1 min, 4 min, then every 5 min, or when a mailbox's budget frees up if that is later. A
/// mission's transient mail failures count towards <see cref="MaxMailTries"/>, after which the failure is recorded;
/// storage faults never make a mission fail. Deterministic: it only schedules activities and timers.
/// </summary>
/// <param name="letterId">The letter.</param>
/// <param name="version">The signed version.</param>
/// <param name="batchSize">Missions per activity.</param>
/// <param name="parallelism">Sends at once for the letter, shared by the batches in flight.</param>
/// <param name="resendKey">For a resend a person asked for: its key; null for the distribution's own attempt.</param>
public sealed class DeliveryRounds(string letterId, int version, int batchSize, int parallelism, string? resendKey = null)
{
    /// <summary>How many times a mission's copy is tried when the mail service fails transiently (each try retried inside by Polly).</summary>
    public const int MaxMailTries = 3;

    private const int BatchesInFlight = 2;

    /// <summary>
    /// Sends to every mission of <paramref name="missions"/>; <paramref name="onBatch"/> takes each batch's counts (and may record them),
    /// <paramref name="onWait"/> is told when copies wait for a new round (until when, why) and when the wait ends (null).
    /// </summary>
    public async Task RunAsync(
        TaskOrchestrationContext context, IReadOnlyList<string> missions, Func<BatchResult, Task> onBatch, Func<DateTimeOffset?, string?, Task> onWait)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(missions);
        ArgumentNullException.ThrowIfNull(onBatch);
        ArgumentNullException.ThrowIfNull(onWait);
        var log = context.CreateReplaySafeLogger<DeliveryRounds>();
        var mailTries = new Dictionary<string, int>(StringComparer.Ordinal);
        IReadOnlyList<string> round = missions;
        for (int roundNumber = 1; round.Count > 0; roundNumber++)
        {
            var retries = await this.SendRoundAsync(context, round, mailTries, onBatch);
            if (retries.Count == 0)
            {
                return;
            }

            foreach (var retry in retries.Where(r => r.Cause == RetryCause.Mail))
            {
                mailTries[retry.MissionId] = mailTries.GetValueOrDefault(retry.MissionId) + 1;
            }

            var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
            var earliest = now + RetryDelay(roundNumber);
            var until = retries.Max(r => r.NotBefore) is { } notBefore && notBefore > earliest ? notBefore : earliest;
            string why = retries.FirstOrDefault(r => r.Cause == RetryCause.MailboxBudget)?.Reason ?? retries[0].Reason;
            log.LogWarning(
                "Letter {LetterId}: {Count} mission(s) to try again at {Until} (round {Round}): {Reason}", letterId, retries.Count, until, roundNumber, why);
            await onWait(until, $"{retries.Count} {(retries.Count == 1 ? "copy waits" : "copies wait")} to be tried again: {why}");
            await context.CreateTimer(until.UtcDateTime, CancellationToken.None);
            await onWait(null, null);
            round = [.. retries.Select(r => r.MissionId)];
        }
    }

    /// <summary>Before round <paramref name="round"/> + 1: 15 s, 1 min, 4 min, then every 5 min.</summary>
    private static TimeSpan RetryDelay(int round) => TimeSpan.FromSeconds(Math.Min(300, 15 * Math.Pow(4, Math.Min(round - 1, 4))));

    private async Task<List<MissionRetry>> SendRoundAsync(
        TaskOrchestrationContext context, IReadOnlyList<string> round, Dictionary<string, int> mailTries, Func<BatchResult, Task> onBatch)
    {
        var batches = round.Chunk(Math.Max(1, batchSize)).Select(chunk => new MissionBatch(
            letterId, version, chunk, Math.Max(1, (parallelism + BatchesInFlight - 1) / BatchesInFlight), [.. chunk.Where(m => mailTries.GetValueOrDefault(m) + 1 >= MaxMailTries)], resendKey)).ToList();
        var retries = new List<MissionRetry>();
        var inFlight = new List<Task<BatchResult>>();
        int next = 0;
        while (next < batches.Count || inFlight.Count > 0)
        {
            while (next < batches.Count && inFlight.Count < BatchesInFlight)
            {
                inFlight.Add(context.CallActivityAsync<BatchResult>(nameof(SendToMissions), batches[next++], WorkflowRetries.Storage));
            }

            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            var result = await done;
            retries.AddRange(result.Retry);
            await onBatch(result);
        }

        return retries;
    }
}
