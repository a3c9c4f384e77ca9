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
        typeof(SendLinkRequest),
        typeof(RecordDecision),
        typeof(NotifyDrafter),
        typeof(RenderSignedLetter),
        typeof(ListMissions),
        typeof(MarkLetterCirculated),
        typeof(SendToMissions),
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
    /// activity of that name (the workflow tests' stand-ins for an activity, e.g. one that fails on purpose), and the
    /// orchestrator <paramref name="orchestrators"/> makes instead of one of that name (the versioning test's older version).
    /// </summary>
    public static void RegisterReplacing(
        DurableTaskRegistry registry, IReadOnlyDictionary<string, Type> replacements, IReadOnlyDictionary<string, Func<ITaskOrchestrator>>? orchestrators = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(replacements);
        foreach (var type in Orchestrators)
        {
            if (orchestrators?.GetValueOrDefault(type.Name) is { } make)
            {
                registry.AddOrchestrator(new TaskName(type.Name), make);
            }
            else
            {
                registry.AddOrchestrator(type);
            }
        }

        foreach (var activity in Activities)
        {
            var type = replacements.GetValueOrDefault(activity.Name, activity);
            registry.AddActivity(new TaskName(activity.Name), services => new LetterScopedActivity(
                (ITaskActivity)ActivatorUtilities.GetServiceOrCreateInstance(services, type), services.GetRequiredService<ILoggerFactory>()));
        }
    }
}
