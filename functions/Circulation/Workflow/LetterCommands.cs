using System.Runtime.CompilerServices;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.ReadModel;
using Circulation.Signature;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Workflow;

/// <summary>
/// The commands one execution of <see cref="CirculateLetter"/> takes while it waits: withdraw,
/// remind, replace, and retry a failed signature (<see cref="LetterCommand"/>). Each is checked against the letter as it stands when it is taken; one
/// that no longer applies is logged and ignored.
/// </summary>
/// <remarks>
/// One wait for the command event per execution, never cancelled: a cancelled wait would still take the next event of
/// its name and drop it. A withdrawal and a use of the pending link exclude each other through the link's one-time
/// claim (<see cref="RetireLink"/>): when the holder used the link first, the withdrawal waits for their action and
/// applies at the next step, if the letter is not signed by then.
/// </remarks>
internal sealed class LetterCommands
{
    private static readonly ConditionalWeakTable<TaskOrchestrationContext, LetterCommands> ByContext = [];
    private readonly TaskOrchestrationContext context;
    private Task<LetterCommand>? next;
    private LetterCommand? deferred;

    private LetterCommands(TaskOrchestrationContext context)
    {
        this.context = context;
    }

    /// <summary>The signatory who signs instead of the letter's own, once the signatory was replaced; null otherwise.</summary>
    public Signatory? SignedBy { get; private set; }

    private Task<LetterCommand> Next => this.next ??= this.context.WaitForExternalEvent<LetterCommand>(LetterCommand.EventName);

    /// <summary>The execution's commands.</summary>
    public static LetterCommands For(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ByContext.GetValue(context, c => new LetterCommands(c));
    }

    /// <summary>
    /// Waits for the pending link of <paramref name="progress"/> to be acted on or to lapse, taking commands meanwhile:
    /// a reminder keeps the link, a replacement waits on the new person's link (with its own expiry), a withdrawal ends it.
    /// </summary>
    public async Task<LinkWait> WaitForLinkAsync(CirculationInput input, LetterProgress progress)
    {
        var cancel = new CancellationTokenSource();
        try
        {
            var (acted, lapsed) = this.WaitOn(progress.Pending!, cancel.Token);
            while (true)
            {
                LetterCommand command;
                if (this.deferred is { } waiting && progress.Pending!.TokenId != waiting.TokenId)
                {
                    command = waiting;
                    this.deferred = null;
                }
                else
                {
                    var first = await Task.WhenAny(acted, lapsed, this.Next);
                    if (first == acted)
                    {
                        return new LinkWait(await acted, progress, input);
                    }

                    if (first == lapsed)
                    {
                        return new LinkWait(null, progress, input);
                    }

                    command = await this.TakeAsync();
                }

                var pending = progress.Pending!;
                var outcome = command.Kind switch
                {
                    LetterCommandKind.Withdraw => await this.WithdrawAsync(command, input, progress),
                    LetterCommandKind.Remind => await this.RemindAsync(command, input, progress),
                    LetterCommandKind.RetrySignature => this.Ignored(command, input, progress, NothingToRetry),
                    _ => await this.ReplaceAsync(command, input, progress),
                };
                if (outcome.Withdrawn || outcome.Undelivered is not null)
                {
                    return outcome;
                }

                (progress, input) = (outcome.Progress, outcome.Input);
                if (progress.Pending!.TokenId != pending.TokenId)
                {
                    Cancel(cancel);
                    cancel.Dispose();
                    cancel = new CancellationTokenSource();
                    (acted, lapsed) = this.WaitOn(progress.Pending, cancel.Token);
                }
            }
        }
        finally
        {
            Cancel(cancel);
            cancel.Dispose();
        }
    }

    /// <summary>
    /// While the letter waits for the drafter: takes commands until <paramref name="draft"/> (the wait for the drafter's
    /// next version) completes. Returns the withdrawn letter when a withdrawal ended it, null when a draft change came.
    /// </summary>
    public async Task<LetterProgress?> WaitForDraftAsync(Task<DraftChange> draft, CirculationInput input, LetterProgress progress)
    {
        while (true)
        {
            LetterCommand command;
            if (this.deferred is { } waiting)
            {
                command = waiting;
                this.deferred = null;
            }
            else
            {
                if (await Task.WhenAny(draft, this.Next) == draft)
                {
                    return null;
                }

                command = await this.TakeAsync();
            }

            if (command.Kind != LetterCommandKind.Withdraw)
            {
                this.Ignore(command, progress, command.Kind == LetterCommandKind.RetrySignature ? NothingToRetry : "nobody has a pending link while the letter waits for the drafter");
                continue;
            }

            var outcome = await this.WithdrawAsync(command, input, progress);
            if (outcome.Withdrawn)
            {
                return outcome.Progress;
            }
        }
    }

    /// <summary>
    /// While the letter's digital signature has failed (<see cref="LetterStage.SignatureFailed"/>):
    /// takes commands until an admin asks to retry signing (the letter then awaits its signature again, the retry in its
    /// timeline) or withdraws the letter. Reminders and replacements are ignored: the signatory has signed, and nobody
    /// has a pending link. The HTTP layer lets only admins retry or withdraw in this stage.
    /// </summary>
    public async Task<SignatureWait> WaitForSignatureRetryAsync(CirculationInput input, LetterProgress progress)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(progress);
        while (true)
        {
            var command = await this.TakeAsync();
            if (command.Kind == LetterCommandKind.Withdraw)
            {
                var outcome = await this.WithdrawAsync(command, input, progress);
                if (outcome.Withdrawn)
                {
                    return new SignatureWait(outcome.Progress, Withdrawn: true);
                }

                continue;
            }

            if (command.Kind != LetterCommandKind.RetrySignature || progress.RefusalOf(LetterActionKind.SignatureRetried) is not null)
            {
                this.Ignore(command, progress, "the letter waits for its digital signature to be retried; nobody has a pending link");
                continue;
            }

            return await this.RetrySignatureAsync(command, input, progress);
        }
    }

    private async Task<SignatureWait> RetrySignatureAsync(LetterCommand command, CirculationInput input, LetterProgress progress)
    {
        var retried = progress.RetrySignature(command.By, this.Now, command.RequestId);
        this.context.CreateReplaySafeLogger<CirculateLetter>().LogInformation("Letter {LetterId}: signature retried, asked by {By}", progress.LetterId, command.By);
        await LetterRecorder.RecordAsync(this.context, input, retried, LetterEventKind.SignatureRetried, command.By);
        return new SignatureWait(retried, Withdrawn: false);
    }

    /// <summary>
    /// The execution is about to continue as new: a command that arrives after this, in the same batch of events, would
    /// complete this execution's wait and be lost, so it is sent on to the next execution.
    /// </summary>
    public void ForwardLateCommands()
    {
        if (this.deferred is { } waiting)
        {
            this.context.SendEvent(this.context.InstanceId, LetterCommand.EventName, waiting);
            this.deferred = null;
        }

        if (this.next is { } outstanding)
        {
            _ = this.ForwardAsync(outstanding);
        }
    }

    /// <summary>Logs a withdrawal that could not apply because the letter was signed meanwhile.</summary>
    public void SignedMeanwhile(LetterProgress progress)
    {
        if (this.deferred is { } waiting)
        {
            this.Ignore(waiting, progress, "the letter was signed while it was on its way");
            this.deferred = null;
        }
    }

    private static void Cancel(CancellationTokenSource cancel)
    {
        // Cancel synchronously: CancelAsync would run the timer's cancellation on the thread pool, off the orchestrator's thread.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
    }

    private (Task<LinkAction> Acted, Task Lapsed) WaitOn(PendingAction pending, CancellationToken cancellation) => (
        this.context.WaitForExternalEvent<LinkAction>(LinkAction.EventName(pending.TokenId), cancellation),
        this.context.CreateTimer(pending.ExpiresAt.UtcDateTime, cancellation));

    private async Task<LetterCommand> TakeAsync()
    {
        var command = await this.Next;
        this.next = null;
        return command;
    }

    private async Task ForwardAsync(Task<LetterCommand> outstanding)
    {
        var command = await outstanding;
        this.context.SendEvent(this.context.InstanceId, LetterCommand.EventName, command);
    }

    private const string NothingToRetry = "the letter's digital signature has not failed";

    private LinkWait Ignored(LetterCommand command, CirculationInput input, LetterProgress progress, string why)
    {
        this.Ignore(command, progress, why);
        return new LinkWait(null, progress, input);
    }

    private void Ignore(LetterCommand command, LetterProgress progress, string why) =>
        this.context.CreateReplaySafeLogger<CirculateLetter>().LogWarning(
            "Letter {LetterId}: ignored {Command} asked by {By} at {At} in stage {Stage}: {Why}",
            progress.LetterId, command.Kind, command.By, command.At, progress.Stage, why);

    private DateTimeOffset Now => new(this.context.CurrentUtcDateTime, TimeSpan.Zero);

    private async Task<LinkWait> WithdrawAsync(LetterCommand command, CirculationInput input, LetterProgress progress)
    {
        string? refused = progress.RefusalOf(LetterActionKind.Withdrawn) ?? (string.IsNullOrWhiteSpace(command.Reason) ? "no reason was given" : null);
        if (refused is not null || command.Reason is null)
        {
            this.Ignore(command, progress, refused ?? "no reason was given");
            return new LinkWait(null, progress, input);
        }

        var withdrawn = progress.Withdraw(command.By, command.Reason, this.Now, command.RequestId);
        var action = withdrawn.Actions![^1];
        if (progress.Pending is { } pending && !await this.RetireAsync(progress.LetterId, pending, action))
        {
            // The holder acted first: their action is on its way; the withdrawal applies once it is taken.
            this.context.CreateReplaySafeLogger<CirculateLetter>().LogInformation("Letter {LetterId}: {Actor} used the link before the withdrawal; it applies after their action", progress.LetterId, pending.Actor);
            this.deferred = command with { TokenId = pending.TokenId };
            return new LinkWait(null, progress, input);
        }

        LetterRecorder.SetStatus(this.context, withdrawn);
        this.context.CreateReplaySafeLogger<CirculateLetter>().LogInformation("Letter {LetterId}: withdrawn by {By}", progress.LetterId, command.By);
        if (action.Person is not null)
        {
            await this.TellOfWithdrawalAsync(
                progress.LetterId, action.Person, nameof(SendWithdrawalNotice), new WithdrawalNotice(progress.LetterId, progress.Version, progress.Subject, action));
        }

        // The drafter is told too when someone else (an admin) withdrew their letter.
        if (!string.Equals(command.By, input.Drafter, StringComparison.OrdinalIgnoreCase))
        {
            await this.TellOfWithdrawalAsync(
                progress.LetterId, input.Drafter, nameof(SendDrafterWithdrawalNotice), new DrafterWithdrawalNotice(progress.LetterId, progress.Version, progress.Subject, input.Drafter, action));
        }

        await LetterRecorder.RecordAsync(this.context, input, withdrawn, LetterEventKind.Withdrawn, command.By, command.Reason);
        await this.context.CallActivityAsync<ArchivedFile>(nameof(WriteManifest), withdrawn, WorkflowRetries.Storage);
        return new LinkWait(null, withdrawn, input, Withdrawn: true);
    }

    /// <summary>E-mails <paramref name="person"/> a withdrawal <paramref name="notice"/>; the letter is withdrawn all the same when it cannot be delivered.</summary>
    private async Task TellOfWithdrawalAsync(string letterId, string person, string activity, object notice)
    {
        try
        {
            await this.context.CallActivityAsync<bool>(activity, notice, WorkflowRetries.Mail);
        }
        catch (TaskFailedException ex)
        {
            this.context.CreateReplaySafeLogger<CirculateLetter>().LogWarning(
                "Letter {LetterId}: {Person} could not be told of the withdrawal: {Reason}", letterId, person, ex.FailureDetails?.ErrorMessage ?? ex.Message);
        }
    }

    private async Task<LinkWait> RemindAsync(LetterCommand command, CirculationInput input, LetterProgress progress)
    {
        var pending = progress.Pending!;
        if (command.TokenId != pending.TokenId)
        {
            this.Ignore(command, progress, "the link it was meant for is no longer pending");
            return new LinkWait(null, progress, input);
        }

        if (pending.NextReminderAfter(this.Now) is not null)
        {
            this.Ignore(command, progress, "a reminder was sent less than 15 minutes ago");
            return new LinkWait(null, progress, input);
        }

        var request = new LinkRequest(
            progress.LetterId, progress.Version, pending, pending.Kind == LinkPurpose.Approval ? progress.LastVersionSeenBy(pending.Actor) : null,
            this.context.NewGuid().ToString("N"), this.SignedBy);
        string? undelivered = await this.SendAsync(request);
        var reminded = progress.Remind(command.By, this.Now, command.RequestId);
        this.context.CreateReplaySafeLogger<CirculateLetter>().LogInformation("Letter {LetterId}: {Actor} reminded, asked by {By}", progress.LetterId, pending.Actor, command.By);
        await LetterRecorder.RecordAsync(
            this.context, input, reminded, LetterEventKind.Reminded, command.By,
            undelivered is null ? $"{pending.Actor} was sent the request again." : $"The reminder to {pending.Actor} could not be delivered: {undelivered}");
        return new LinkWait(null, reminded, input);
    }

    private async Task<LinkWait> ReplaceAsync(LetterCommand command, CirculationInput input, LetterProgress progress)
    {
        var pending = progress.Pending!;
        if (command.TokenId != pending.TokenId || string.IsNullOrWhiteSpace(command.Person) || string.IsNullOrWhiteSpace(command.Reason)
            || string.Equals(command.Person, pending.Actor, StringComparison.OrdinalIgnoreCase)
            || Replacements.Conflict(command.Person, pending, input) is not null)
        {
            this.Ignore(command, progress, "the link it was meant for is no longer pending, or it names the person already asked, the drafter or another approver");
            return new LinkWait(null, progress, input);
        }

        // A new signatory signs under their own name and title: the request, the sign page (from the action) and the signed PDF all name them.
        var next = new PendingAction(pending.Kind, pending.Step, command.Person, this.context.NewGuid().ToString("N"), this.Now + input.LinkLifetime, RenditionSha256: pending.RenditionSha256);
        var signer = pending.Kind == LinkPurpose.Signature ? new Signatory(command.PersonName ?? command.Person, command.PersonTitle ?? "", command.Person) : null;
        var replaced = progress.Replace(next, command.By, command.Reason, this.Now, command.RequestId, signer?.Name, signer?.Title);
        if (!await this.RetireAsync(progress.LetterId, pending, replaced.Actions![^1]))
        {
            this.Ignore(command, progress, $"{pending.Actor} used the link first");
            return new LinkWait(null, progress, input);
        }

        if (pending.Kind == LinkPurpose.Approval)
        {
            input = input with { Approvers = [.. input.Approvers.Select((a, i) => i == pending.Step ? command.Person : a)] };
        }
        else
        {
            input = input with { SignatoryEmail = command.Person };
            this.SignedBy = signer;
        }

        this.context.CreateReplaySafeLogger<CirculateLetter>().LogInformation("Letter {LetterId}: {Old} replaced by {New}, asked by {By}", progress.LetterId, pending.Actor, command.Person, command.By);
        await LetterRecorder.RecordAsync(this.context, input, replaced, LetterEventKind.Replaced, command.By, $"{pending.Actor} replaced by {command.Person}: {command.Reason}");
        var request = new LinkRequest(
            progress.LetterId, progress.Version, next, next.Kind == LinkPurpose.Approval ? progress.LastVersionSeenBy(next.Actor) : null, SignAs: this.SignedBy);
        return await this.SendAsync(request) is string undelivered
            ? new LinkWait(null, replaced, input, Undelivered: undelivered)
            : new LinkWait(null, replaced, input);
    }

    /// <summary>Makes <paramref name="pending"/>'s link stop working; false when its holder used it first.</summary>
    private Task<bool> RetireAsync(string letterId, PendingAction pending, LetterAction action) =>
        this.context.CallActivityAsync<bool>(
            nameof(RetireLink), new LinkRetirement(letterId, pending.TokenId, this.context.NewGuid().ToString("N"), action), WorkflowRetries.Storage);

    private Task<string?> SendAsync(LinkRequest request) => LinkRequests.SendAsync(this.context, request);
}
