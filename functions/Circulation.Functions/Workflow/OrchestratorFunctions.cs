using Circulation.Domain;
using Circulation.Workflow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Circulation.Functions.Workflow;

/// <summary>Thin triggers over the shared orchestrators.</summary>
public static class OrchestratorFunctions
{
    /// <summary>Runs <see cref="Circulation.Workflow.CirculateLetter"/>.</summary>
    [Function(nameof(CirculateLetter))]
    public static Task<LetterProgress> CirculateLetter([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<CirculationInput>() ?? throw new InvalidOperationException("CirculateLetter needs its input.");
        return new Circulation.Workflow.CirculateLetter().RunAsync(context, input);
    }

    /// <summary>Runs <see cref="Circulation.Workflow.ResendDeliveries"/>.</summary>
    [Function(nameof(ResendDeliveries))]
    public static Task<DeliveryTally> ResendDeliveries([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ResendRequest>() ?? throw new InvalidOperationException("ResendDeliveries needs its input.");
        return new Circulation.Workflow.ResendDeliveries().RunAsync(context, input);
    }
}
