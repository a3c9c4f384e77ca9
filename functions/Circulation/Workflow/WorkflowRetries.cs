using Circulation.Mail;
using Microsoft.DurableTask;

namespace Circulation.Workflow;

/// <summary>
/// Durable retry policies, one per kind of activity. They retry an activity as a whole; transient faults
/// inside an activity are already retried by Polly, so these attempts are few and spaced out.
/// </summary>
public static class WorkflowRetries
{
    /// <summary>Activities that read or write blob storage (render, archive, manifest).</summary>
    public static TaskOptions Storage { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    /// <summary>
    /// The digital signature (<see cref="Signature.RenderSignedLetter"/>: Key Vault signs, a timestamp authority stamps):
    /// <see cref="SigningAttempts"/> attempts, the first retry after <paramref name="firstRetry"/> (null:
    /// <see cref="WorkflowOptions.DefaultSigningRetryInterval"/>), each wait twice the one before and at most two minutes,
    /// so with the default a few minutes in all (15 s, 30 s, 1 min, 2 min) before the letter waits for an admin.
    /// </summary>
    public static TaskOptions Signing(TimeSpan? firstRetry) => TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: SigningAttempts,
        firstRetryInterval: firstRetry ?? WorkflowOptions.DefaultSigningRetryInterval,
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromMinutes(2)));

    /// <summary>How many times <see cref="Signing"/> tries the digital signature before the letter waits for an admin.</summary>
    public const int SigningAttempts = 5;

    /// <summary>
    /// Activities that send mail: a throttling server gets minutes, not seconds, to recover. A refusal
    /// (<see cref="MailRefusedException"/>, e.g. an unknown address) is not retried: it would be refused again.
    /// </summary>
    public static TaskOptions Mail { get; } = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(15), backoffCoefficient: 4, maxRetryInterval: TimeSpan.FromMinutes(5))
    {
        HandleFailure = failure => !failure.IsCausedBy<MailRefusedException>(),
    });
}
