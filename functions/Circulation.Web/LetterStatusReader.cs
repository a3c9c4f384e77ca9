using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>Reads letters' progress from their orchestrations (instance id = letter id).</summary>
public static class LetterStatusReader
{
    /// <summary>The snapshot of one letter, or null when there is no such letter.</summary>
    public static async Task<LetterSnapshot?> ReadAsync(DurableTaskClient client, string? letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!LetterId.IsWellFormed(letterId))
        {
            return null;
        }

        var instance = await client.GetInstanceAsync(letterId!, getInputsAndOutputs: true, cancellationToken);
        return instance is null ? null : ToSnapshot(instance);
    }

    /// <summary>
    /// Answers a request about one letter: 404 (problem details) when there is no such letter, else what
    /// <paramref name="answer"/> makes of its snapshot, with the request's cancellation.
    /// </summary>
    public static async Task<IResult> AnswerAsync(
        HttpRequest request, DurableTaskClient client, string? letterId, Func<LetterSnapshot, CancellationToken, Task<IResult>> answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(answer);
        var ct = request.HttpContext.RequestAborted;
        var snapshot = await ReadAsync(client, letterId, ct);
        return snapshot is null ? ApiResults.NoSuchLetter(letterId) : await answer(snapshot, ct);
    }

    private static LetterSnapshot? ToSnapshot(OrchestrationMetadata instance)
    {
        var input = instance.ReadInputAs<CirculationInput>();
        if (input is null)
        {
            return null;
        }

        // Before an execution has set its status (just started, or just continued as new) its input says where it stands.
        var progress = (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<LetterProgress>() : null)
            ?? instance.ReadCustomStatusAs<LetterProgress>()
            ?? input.Progress
            ?? (input.AwaitSubmission
                ? LetterProgress.Start(input.LetterId, input.Subject, input.Version)
                : LetterProgress.Start(input.LetterId, input.Subject, input.Version) with { SubmittedAt = instance.CreatedAt });
        return new LetterSnapshot(progress, input, instance.RuntimeStatus, instance.CreatedAt, instance.LastUpdatedAt, instance.FailureDetails?.ErrorMessage);
    }
}
