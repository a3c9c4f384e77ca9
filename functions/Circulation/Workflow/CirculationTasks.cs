using Circulation.Approval;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Drafting;
using Circulation.ReadModel;
using Circulation.Signature;
using Circulation.Telemetry;
using Circulation.Verification;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Circulation.Workflow;

/// <summary>The orchestrators and activities of a circulation, registered by every shell.</summary>
public static class CirculationTasks
{
    /// <summary>Orchestrator types, by the name they are registered under.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(CirculateLetter), typeof(ResendDeliveries)];

    /// <summary>Activity types, by the name they are registered under.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(RenderLetter),
        typeof(SendApprovalRequest),
        typeof(RecordDecision),
        typeof(NotifyDrafter),
        typeof(SendSignatureRequest),
        typeof(RenderSignedLetter),
        typeof(ListMissions),
        typeof(MarkLetterCirculated),
        typeof(SendToMission),
        typeof(SendToMissions),
        typeof(RecordDeliveryFailure),
        typeof(WriteManifest),
        typeof(SendDistributionReport),
        typeof(RecordLetterChange),
        typeof(RecordLetterEvent),
        typeof(RecountLetterDeliveries),
        typeof(RetireLink),
        typeof(SendWithdrawalNotice),
        typeof(SendDrafterWithdrawalNotice),
        typeof(SendSignatureFailureNotice),
    ];

    /// <summary>Adds every orchestrator and activity (each tagged with its letter id, <see cref="LetterScopedActivity"/>) to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry) => RegisterReplacing(registry, new Dictionary<string, Type>());

    /// <summary>
    /// Adds every orchestrator and activity, running the type <paramref name="replacements"/> gives instead of an
    /// activity of that name (the workflow tests' stand-ins for an activity, e.g. one that fails on purpose).
    /// </summary>
    public static void RegisterReplacing(DurableTaskRegistry registry, IReadOnlyDictionary<string, Type> replacements)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(replacements);
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var activity in Activities)
        {
            var type = replacements.GetValueOrDefault(activity.Name, activity);
            registry.AddActivity(new TaskName(activity.Name), services => new LetterScopedActivity(
                (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, type), services.GetRequiredService<ILoggerFactory>()));
        }
    }
}
