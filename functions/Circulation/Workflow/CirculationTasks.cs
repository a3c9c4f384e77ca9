using Circulation.Approval;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Drafting;
using Circulation.Signature;
using Microsoft.DurableTask;

namespace Circulation.Workflow;

/// <summary>The orchestrators and activities of a circulation, registered by every shell.</summary>
public static class CirculationTasks
{
    /// <summary>Orchestrator types, by the name they are registered under.</summary>
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(CirculateLetter)];

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
        typeof(SendToMission),
        typeof(RecordDeliveryFailure),
        typeof(WriteManifest),
    ];

    /// <summary>Adds every orchestrator and activity to <paramref name="registry"/>.</summary>
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var type in Orchestrators)
        {
            registry.AddOrchestrator(type);
        }

        foreach (var type in Activities)
        {
            registry.AddActivity(type);
        }
    }
}
