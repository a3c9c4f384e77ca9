using Circulation.Approval;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Drafting;
using Circulation.Domain;
using Circulation.ReadModel;
using Circulation.Signature;
using Circulation.Verification;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Workflow;

/// <summary>
/// One letter's workflow: drafting, approval by each approver in turn, signature, distribution to every mission on
/// the list, then the manifest. The instance id is the letter id. Each submission of a version continues as new, so
/// the execution that distributes replays only its own round's history, not earlier rounds or drafting.
/// Deterministic: no I/O, time from the context only, every side effect in an activity.
/// </summary>
public sealed class CirculateLetter : TaskOrchestrator<CirculationInput, LetterProgress>
{
    /// <summary>The longest reason for a failed signature the letter keeps, in characters.</summary>
    public const int MaxSignatureFailureLength = 1000;

    /// <inheritdoc/>
    public override async Task<LetterProgress> RunAsync(TaskOrchestrationContext context, CirculationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<CirculateLetter>();
        var progress = input.Progress ?? LetterProgress.Start(input.LetterId, input.Subject, input.Version);

        if (input.AwaitSubmission)
        {
            LetterRecorder.SetStatus(context, progress);
            await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Created, input.Drafter);
            return await AwaitDraftChangeAsync(context, input, progress);
        }

        // A letter created and started at once (POST api/letters) arrives unsubmitted: its first version is submitted now.
        if (progress.SubmittedAt is null)
        {
            progress = progress.Submit(input.Version, input.Subject, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        }

        LetterRecorder.SetStatus(context, progress);
        if (input.Progress is null)
        {
            await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Created, input.Drafter);
        }

        await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Submitted, input.Drafter, at: progress.SubmittedAt);

        // Every link of the round is bound to this rendition: the PDF its holder is sent and shown, and decides on.
        var rendition = await context.CallActivityAsync<ArchivedFile>(nameof(RenderLetter), new LetterVersionRef(input.LetterId, input.Version), WorkflowRetries.Storage);

        for (int step = 0; step < input.Approvers.Count; step++)
        {
            var pending = NewPending(context, input, LinkPurpose.Approval, step, input.Approvers[step], rendition.Sha256);
            progress = progress.AwaitApproval(pending);
            LetterRecorder.SetStatus(context, progress);
            var request = new LinkRequest(input.LetterId, input.Version, pending, progress.LastVersionSeenBy(pending.Actor));
            if (await LinkRequests.SendAsync(context, request) is string undelivered)
            {
                progress = progress.Undeliverable(undelivered);
                await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Undeliverable, pending.Actor, progress.Note);
                return await ReturnToDrafterAsync(context, input, progress);
            }

            // Recorded once the request has left: the timeline's "approval requested" is when the approver was sent the link.
            await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.ApprovalRequested, pending.Actor);

            var waited = await WaitForLinkAsync(context, input, progress);
            (progress, input) = (waited.Progress, waited.Input);
            if (await EndedByCommandAsync(context, waited) is { } ended)
            {
                return ended;
            }

            // A replacement while waiting gave the step to someone else: they decided, or let the link lapse.
            string decider = progress.Pending?.Actor ?? pending.Actor;
            var action = waited.Action;
            if (action is null)
            {
                progress = progress.Expire(context.CurrentUtcDateTime);
                await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Expired, decider, progress.Note);
                return await EndRoundAsync(context, input, progress);
            }

            progress = progress.Decide(action.Decision, action.Comment, action.At, action.RenditionSha256);
            var decided = progress.Approvals[^1];
            await context.CallActivityAsync(nameof(RecordDecision), new DecisionRecord(input.LetterId, input.Version, decided), WorkflowRetries.Storage);
            await LetterRecorder.RecordAsync(
                context, input, progress, LetterEventKind.Decided, decider, DecisionText.Format(action.Decision, action.Comment), action.At, decided.RenditionSha256);
            log.LogInformation("Letter {LetterId}: approver {Step} decided {Decision}", input.LetterId, step + 1, action.Decision);
            if (progress.Stage == LetterStage.ChangesRequested)
            {
                return await ReturnToDrafterAsync(context, input, progress);
            }

            if (progress.IsFinal)
            {
                return await EndRoundAsync(context, input, progress);
            }
        }

        var signature = NewPending(context, input, LinkPurpose.Signature, 0, input.SignatoryEmail, rendition.Sha256);
        progress = progress.AwaitSignature(signature, input.Approvers.Count);
        LetterRecorder.SetStatus(context, progress);
        if (await LinkRequests.SendAsync(context, new LinkRequest(input.LetterId, input.Version, signature)) is string unsigned)
        {
            progress = progress.Undeliverable(unsigned);
            await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Undeliverable, signature.Actor, progress.Note);
            return await ReturnToDrafterAsync(context, input, progress);
        }

        await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.SignatureRequested, signature.Actor);
        var signing = await WaitForLinkAsync(context, input, progress);
        (progress, input) = (signing.Progress, signing.Input);
        if (await EndedByCommandAsync(context, signing) is { } over)
        {
            return over;
        }

        string signer = progress.Pending?.Actor ?? signature.Actor;
        var signed = signing.Action;
        if (signed is null)
        {
            progress = progress.Expire(context.CurrentUtcDateTime);
            await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.Expired, signer, progress.Note);
            return await EndRoundAsync(context, input, progress);
        }

        var commands = LetterCommands.For(context);
        commands.SignedMeanwhile(progress);
        string approvedRendition = signed.RenditionSha256 ?? rendition.Sha256;
        var signingRequest = new SigningRequest(input.LetterId, input.Version, signed.At, commands.SignedBy, approvedRendition);
        var applied = await ApplySignatureAsync(context, input, progress, signingRequest, commands);
        if (applied.Withdrawn)
        {
            return applied.Progress;
        }

        progress = applied.Progress;

        var missions = await context.CallActivityAsync<IReadOnlyList<string>>(nameof(ListMissions), input.DistributionList, WorkflowRetries.Storage);
        progress = progress.Sign(signed.At, missions.Count);
        LetterRecorder.SetStatus(context, progress);
        await LetterRecorder.RecordAsync(
            context, input, progress, LetterEventKind.Signed, signer, string.IsNullOrWhiteSpace(signed.Comment) ? null : signed.Comment, signed.At, approvedRendition);
        log.LogInformation("Letter {LetterId}: signed; distributing to {MissionCount} missions", input.LetterId, missions.Count);

        // From here the signed PDF is a circulated letter: a mission can check its copy on /verify as soon as it arrives.
        await context.CallActivityAsync<bool>(
            nameof(MarkLetterCirculated),
            new CirculationStart(input.LetterId, input.Version, input.DistributionList, missions.Count, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)),
            WorkflowRetries.Storage);

        progress = await DistributeAsync(context, input, missions, progress);
        await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.DistributionFinished, text: progress.Deliveries.InWords);
        await LetterRecorder.RecountDeliveriesAsync(context, input.LetterId);

        await context.CallActivityAsync<ArchivedFile>(nameof(WriteManifest), progress, WorkflowRetries.Storage);
        log.LogInformation(
            "Letter {LetterId}: distributed, {Sent} sent, {Failed} failed", input.LetterId, progress.Deliveries.Sent, progress.Deliveries.Failed);
        await context.CallActivityAsync<bool>(
            nameof(SendDistributionReport), new DistributionReport(input.LetterId, input.Version, input.Drafter, input.SignatoryEmail, progress), WorkflowRetries.Mail);

        return progress;
    }

    /// <summary>
    /// Waits while the letter is editable: each stored version updates the status; a submitted version continues as
    /// new into its approval round, so that execution's history holds that round only. Events that no longer apply
    /// (an older version, a repeated submission) are skipped, never trusted.
    /// </summary>
    /// <remarks>
    /// The workflow continues as new only on consuming a submission, never at the end of a round: an event that arrives
    /// in the same batch after the one that triggers ContinueAsNew would be lost, and after a submission the only
    /// events that can follow are stale ones (the HTTP layer refuses edits and second submissions).
    /// </remarks>
    private static async Task<LetterProgress> AwaitDraftChangeAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress)
    {
        var log = context.CreateReplaySafeLogger<CirculateLetter>();
        var commands = LetterCommands.For(context);
        while (true)
        {
            var next = context.WaitForExternalEvent<DraftChange>(DraftChange.EventName);
            if (await commands.WaitForDraftAsync(next, input, progress) is { } withdrawn)
            {
                return withdrawn;
            }

            var change = await next;
            bool submitted = change.Kind == DraftChangeKind.Submitted;
            if (submitted ? !progress.CanSubmit(change.Version) : !progress.CanRevise(change.Version))
            {
                log.LogWarning(
                    "Letter {LetterId}: ignored {Kind} of version {Version} in stage {Stage} at version {Current}",
                    input.LetterId, change.Kind, change.Version, progress.Stage, progress.Version);
                continue;
            }

            log.LogInformation("Letter {LetterId}: version {Version} {Kind}", input.LetterId, change.Version, change.Kind);
            if (!submitted)
            {
                progress = progress.Revise(change.Version, change.Subject);
                LetterRecorder.SetStatus(context, progress);
                await LetterRecorder.RecordAsync(context, input.For(change), progress, LetterEventKind.VersionSaved, change.Drafter);
                continue;
            }

            progress = progress.Submit(change.Version, change.Subject, change.At);
            LetterRecorder.SetStatus(context, progress);
            commands.ForwardLateCommands();
            context.ContinueAsNew(input.For(change) with { AwaitSubmission = false, Progress = progress }, preserveUnprocessedEvents: false);
            return progress;
        }
    }

    /// <summary>An approver asked for changes: tell the drafter, then wait for a revised version to be submitted.</summary>
    private static async Task<LetterProgress> ReturnToDrafterAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress)
    {
        LetterRecorder.SetStatus(context, progress);
        await TellDrafterAsync(context, input, progress);
        return await AwaitDraftChangeAsync(context, input, progress);
    }

    /// <summary>
    /// Applies the digital signature (<paramref name="request"/>, the same signing time each try, so every
    /// try renders the same letter) on its own retry policy. Once the retries are spent the letter waits in
    /// <see cref="LetterStage.SignatureFailed"/> with the reason, its drafter and the admins are told, and an admin's retry
    /// tries again, until the letter is signed or withdrawn. Nothing is distributed before the signed PDF exists.
    /// </summary>
    /// <remarks>
    /// The loop has no bound and no ContinueAsNew: each turn waits for an admin's command, so the history grows by a
    /// few dozen events per retry someone asks for, not by itself.
    /// </remarks>
    private static async Task<SignatureWait> ApplySignatureAsync(
        TaskOrchestrationContext context, CirculationInput input, LetterProgress progress, SigningRequest request, LetterCommands commands)
    {
        while (true)
        {
            if (await TrySigningAsync(context, input, request) is not { } reason)
            {
                return new SignatureWait(progress, Withdrawn: false);
            }

            progress = progress.FailSignature(reason);
            await RecordSignatureFailureAsync(context, input, progress);
            var waited = await commands.WaitForSignatureRetryAsync(input, progress);
            if (waited.Withdrawn)
            {
                return waited;
            }

            progress = waited.Progress;
        }
    }

    /// <summary>
    /// Renders and signs the letter on the signing retry policy; null once it is signed, else why not: the last
    /// attempt's error message on one line, cut at <see cref="MaxSignatureFailureLength"/> characters (the page, the
    /// timeline and the e-mails show it).
    /// </summary>
    private static async Task<string?> TrySigningAsync(TaskOrchestrationContext context, CirculationInput input, SigningRequest request)
    {
        try
        {
            await context.CallActivityAsync<ArchivedFile>(nameof(RenderSignedLetter), request, WorkflowRetries.Signing(input.SigningRetryInterval));
            return null;
        }
        catch (TaskFailedException ex)
        {
            string reason = string.Join(' ', (ex.FailureDetails?.ErrorMessage ?? ex.Message).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return reason.Length == 0 ? "The signing step failed without saying why."
                : reason.Length > MaxSignatureFailureLength ? reason[..(MaxSignatureFailureLength - 1)] + "…"
                : reason;
        }
    }

    /// <summary>
    /// Records the failed signature (<paramref name="progress"/>, in <see cref="LetterStage.SignatureFailed"/>) in the
    /// timeline and e-mails the drafter and the admins. The letter's page says it too, so a mail fault does not stop the letter.
    /// </summary>
    private static async Task RecordSignatureFailureAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress)
    {
        context.CreateReplaySafeLogger<CirculateLetter>().LogWarning(
            "Letter {LetterId}: the digital signature failed {Attempts} times; waiting for an admin: {Reason}", input.LetterId, WorkflowRetries.SigningAttempts, progress.Note);
        await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.SignatureFailed, text: progress.Note);
        try
        {
            await context.CallActivityAsync<int>(
                nameof(SendSignatureFailureNotice),
                new SignatureFailureNotice(input.LetterId, input.Version, progress.Subject, input.Drafter, progress.Note!, context.NewGuid().ToString("N")),
                WorkflowRetries.Mail);
        }
        catch (TaskFailedException ex)
        {
            context.CreateReplaySafeLogger<CirculateLetter>().LogWarning(
                "Letter {LetterId}: the drafter and admins could not be told that the signature failed: {Reason}", input.LetterId, ex.FailureDetails?.ErrorMessage ?? ex.Message);
        }
    }

    /// <summary>E-mails the drafter how the round ended. The status says it too, so a refused address does not stop the letter.</summary>
    private static async Task TellDrafterAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress)
    {
        try
        {
            await context.CallActivityAsync(nameof(NotifyDrafter), new DrafterNotice(input.LetterId, input.Version, input.Drafter, progress), WorkflowRetries.Mail);
        }
        catch (TaskFailedException ex)
        {
            context.CreateReplaySafeLogger<CirculateLetter>().LogWarning(
                "Letter {LetterId}: the drafter {Drafter} could not be told: {Reason}", input.LetterId, input.Drafter, ex.FailureDetails?.ErrorMessage ?? ex.Message);
        }
    }

    private static PendingAction NewPending(TaskOrchestrationContext context, CirculationInput input, LinkPurpose purpose, int step, string actor, string renditionSha256) =>
        new(purpose, step, actor, context.NewGuid().ToString("N"), new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero) + input.LinkLifetime, RenditionSha256: renditionSha256);

    /// <summary>Waits for the pending link to be acted on or to lapse, taking the Office's commands meanwhile (<see cref="LetterCommands"/>): withdraw, remind, replace.</summary>
    private static Task<LinkWait> WaitForLinkAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress) =>
        LetterCommands.For(context).WaitForLinkAsync(input, progress);

    /// <summary>The letter as a command left it when the command ended the round (withdrawn, or a replacement unreachable); null when the wait goes on.</summary>
    private static async Task<LetterProgress?> EndedByCommandAsync(TaskOrchestrationContext context, LinkWait waited) =>
        waited.Withdrawn ? waited.Progress
        : waited.Undelivered is { } reason ? await ReturnToDrafterAsync(context, waited.Input, waited.Progress.Undeliverable(reason))
        : null;

    /// <summary>Sends the signed letter to <paramref name="missions"/> in batches, retried in rounds (<see cref="DeliveryRounds"/>).</summary>
    private static async Task<LetterProgress> DistributeAsync(
        TaskOrchestrationContext context, CirculationInput input, IReadOnlyList<string> missions, LetterProgress progress)
    {
        progress = progress.StartDeliveries(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        LetterRecorder.SetStatus(context, progress);
        await LetterRecorder.RecordAsync(context, input, progress, LetterEventKind.DistributionStarted);
        var rounds = new DeliveryRounds(input.LetterId, input.Version, input.DistributionBatchSize, input.DistributionParallelism);
        await rounds.RunAsync(
            context,
            missions,
            result =>
            {
                progress = progress.RecordDeliveries(result.Sent, result.Failed);
                LetterRecorder.SetStatus(context, progress);
                return LetterRecorder.RecordAsync(context, input, progress, null);
            },
            (until, why) =>
            {
                progress = progress.WaitForDeliveries(until, why);
                LetterRecorder.SetStatus(context, progress);
                return LetterRecorder.RecordAsync(context, input, progress, null);
            });
        return progress;
    }

    private static async Task<LetterProgress> EndRoundAsync(TaskOrchestrationContext context, CirculationInput input, LetterProgress progress)
    {
        LetterRecorder.SetStatus(context, progress);
        await TellDrafterAsync(context, input, progress);
        await context.CallActivityAsync<ArchivedFile>(nameof(WriteManifest), progress, WorkflowRetries.Storage);
        return progress;
    }
}
