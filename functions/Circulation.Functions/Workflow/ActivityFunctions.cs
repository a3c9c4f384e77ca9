using Circulation.Approval;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.ReadModel;
using Circulation.Signature;
using Circulation.Telemetry;
using Circulation.Verification;
using Circulation.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Circulation.Functions.Workflow;

/// <summary>Thin triggers over the shared activities: each resolves the activity from DI and runs it.</summary>
public static class ActivityFunctions
{
    /// <summary>Runs <see cref="Circulation.Drafting.RenderLetter"/>.</summary>
    [Function(nameof(RenderLetter))]
    public static Task<ArchivedFile> RenderLetter([ActivityTrigger] LetterVersionRef input, FunctionContext context) =>
        Run<RenderLetter, LetterVersionRef, ArchivedFile>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.SendLinkRequest"/>.</summary>
    [Function(nameof(SendLinkRequest))]
    public static Task<bool> SendLinkRequest([ActivityTrigger] LinkRequest input, FunctionContext context) =>
        Run<SendLinkRequest, LinkRequest, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.RecordDecision"/>.</summary>
    [Function(nameof(RecordDecision))]
    public static Task<ArchivedFile> RecordDecision([ActivityTrigger] DecisionRecord input, FunctionContext context) =>
        Run<RecordDecision, DecisionRecord, ArchivedFile>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.NotifyDrafter"/>.</summary>
    [Function(nameof(NotifyDrafter))]
    public static Task<bool> NotifyDrafter([ActivityTrigger] DrafterNotice input, FunctionContext context) =>
        Run<NotifyDrafter, DrafterNotice, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Signature.RenderSignedLetter"/>.</summary>
    [Function(nameof(RenderSignedLetter))]
    public static Task<ArchivedFile> RenderSignedLetter([ActivityTrigger] SigningRequest input, FunctionContext context) =>
        Run<RenderSignedLetter, SigningRequest, ArchivedFile>(context, input);

    /// <summary>Runs <see cref="Circulation.Distribution.ListMissions"/>.</summary>
    [Function(nameof(ListMissions))]
    public static Task<IReadOnlyList<string>> ListMissions([ActivityTrigger] string input, FunctionContext context) =>
        Run<ListMissions, string, IReadOnlyList<string>>(context, input);

    /// <summary>Runs <see cref="Circulation.Verification.MarkLetterCirculated"/>.</summary>
    [Function(nameof(MarkLetterCirculated))]
    public static Task<bool> MarkLetterCirculated([ActivityTrigger] CirculationStart input, FunctionContext context) =>
        Run<MarkLetterCirculated, CirculationStart, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Distribution.SendToMissions"/>.</summary>
    [Function(nameof(SendToMissions))]
    public static Task<BatchResult> SendToMissions([ActivityTrigger] MissionBatch input, FunctionContext context) =>
        Run<SendToMissions, MissionBatch, BatchResult>(context, input);

    /// <summary>Runs <see cref="Circulation.Archive.WriteManifest"/>.</summary>
    [Function(nameof(WriteManifest))]
    public static Task<ArchivedFile> WriteManifest([ActivityTrigger] LetterProgress input, FunctionContext context) =>
        Run<WriteManifest, LetterProgress, ArchivedFile>(context, input);

    /// <summary>Runs <see cref="Circulation.Distribution.SendDistributionReport"/>.</summary>
    [Function(nameof(SendDistributionReport))]
    public static Task<bool> SendDistributionReport([ActivityTrigger] DistributionReport input, FunctionContext context) =>
        Run<SendDistributionReport, DistributionReport, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.ReadModel.RecordLetterChange"/>.</summary>
    [Function(nameof(RecordLetterChange))]
    public static Task<bool> RecordLetterChange([ActivityTrigger] LetterChange input, FunctionContext context) =>
        Run<RecordLetterChange, LetterChange, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.ReadModel.RecordLetterEvent"/>.</summary>
    [Function(nameof(RecordLetterEvent))]
    public static Task<bool> RecordLetterEvent([ActivityTrigger] LetterEventRecord input, FunctionContext context) =>
        Run<RecordLetterEvent, LetterEventRecord, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.ReadModel.RecountLetterDeliveries"/>.</summary>
    [Function(nameof(RecountLetterDeliveries))]
    public static Task<DeliveryTally> RecountLetterDeliveries([ActivityTrigger] LetterRecount input, FunctionContext context) =>
        Run<RecountLetterDeliveries, LetterRecount, DeliveryTally>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.RetireLink"/>.</summary>
    [Function(nameof(RetireLink))]
    public static Task<bool> RetireLink([ActivityTrigger] LinkRetirement input, FunctionContext context) =>
        Run<RetireLink, LinkRetirement, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.SendWithdrawalNotice"/>.</summary>
    [Function(nameof(SendWithdrawalNotice))]
    public static Task<bool> SendWithdrawalNotice([ActivityTrigger] WithdrawalNotice input, FunctionContext context) =>
        Run<SendWithdrawalNotice, WithdrawalNotice, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Approval.SendDrafterWithdrawalNotice"/>.</summary>
    [Function(nameof(SendDrafterWithdrawalNotice))]
    public static Task<bool> SendDrafterWithdrawalNotice([ActivityTrigger] DrafterWithdrawalNotice input, FunctionContext context) =>
        Run<SendDrafterWithdrawalNotice, DrafterWithdrawalNotice, bool>(context, input);

    /// <summary>Runs <see cref="Circulation.Signature.SendSignatureFailureNotice"/>.</summary>
    [Function(nameof(SendSignatureFailureNotice))]
    public static Task<int> SendSignatureFailureNotice([ActivityTrigger] SignatureFailureNotice input, FunctionContext context) =>
        Run<SendSignatureFailureNotice, SignatureFailureNotice, int>(context, input);

    private static async Task<TOutput> Run<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = new LetterScopedActivity(
            context.InstanceServices.GetRequiredService<TActivity>(), context.InstanceServices.GetRequiredService<ILoggerFactory>());
        string instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out object? id) ? id?.ToString() ?? "" : "";
        return (TOutput)(await activity.RunAsync(new FunctionsActivityContext(new TaskName(typeof(TActivity).Name), instanceId), input))!;
    }
}
