using Microsoft.DurableTask;
using Microsoft.DurableTask.Abstractions;

namespace Circulation.Workflow;

/// <summary>
/// The versions of the <see cref="CirculateLetter"/> workflow. An instance keeps the version it was started with (the
/// host's <c>extensions:durableTask:defaultVersion</c> in host.json at the time) for its whole life, across deploys and
/// ContinueAsNew, and the orchestrator branches on it wherever behaviour changed, so a letter waiting for days replays
/// exactly the steps it was started with. Instances from before versioning have no version and count as the oldest.
/// </summary>
public static class WorkflowVersions
{
    /// <summary>The first versioned workflow: approval, signature, distribution, manifest.</summary>
    public const string Initial = "1.0";

    /// <summary>Adds a last step: the drafter and the signatory are told that distribution ended, with its totals and failures.</summary>
    public const string DistributionReport = "2.0";

    /// <summary>Distribution sends missions in batches, one activity a batch, and tries missions handed back again in later rounds.</summary>
    public const string BatchedDistribution = "3.0";

    /// <summary>
    /// The workflow records each change of the letter in the read model (<see cref="LetterRecorder"/>), keeps its custom
    /// status small, and takes the Office's commands on a letter in flight (withdraw, remind, replace).
    /// </summary>
    public const string ReadModel = "4.0";

    /// <summary>A letter withdrawn by someone other than its drafter (an admin) also tells the drafter who withdrew it and why.</summary>
    public const string DrafterWithdrawalNotice = "4.1";

    /// <summary>
    /// The same release as <see cref="DrafterWithdrawalNotice"/>: a resend's end is in the timeline, and the letter's sent
    /// and failed counts are recounted from each mission's latest attempt at the end of a resend and of the distribution.
    /// </summary>
    public const string DeliveryRecount = "4.1";

    /// <summary>
    /// The digital signature is retried on its own durable policy (<see cref="WorkflowRetries.Signing"/>); once the
    /// retries are spent the letter waits in <see cref="Domain.LetterStage.SignatureFailed"/>, its drafter and the admins
    /// are told, and an admin's retry signs it again. Before this version a failed signature failed the workflow.
    /// </summary>
    public const string SignatureRecovery = "4.2";

    /// <summary>The version new letters start on: host.json's <c>defaultVersion</c> (a test compares them).</summary>
    public const string Current = SignatureRecovery;

    /// <summary>True when <paramref name="context"/>'s instance was started on <paramref name="version"/> or later.</summary>
    public static bool IsAtLeast(TaskOrchestrationContext context, string version)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TaskOrchestrationVersioningUtils.CompareVersions(context.Version, version) >= 0;
    }
}
