using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Distribution;

/// <summary>Activity: records that a mission's message failed after every retry.</summary>
public sealed class RecordDeliveryFailure : TaskActivity<MissionDelivery, DeliveryOutcome>
{
    private readonly DeliveryRecords deliveries;

    /// <summary>Creates the activity.</summary>
    public RecordDeliveryFailure(DeliveryRecords deliveries) => this.deliveries = deliveries;

    /// <inheritdoc/>
    public override Task<DeliveryOutcome> RunAsync(TaskActivityContext context, MissionDelivery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return this.deliveries.RecordAsync(input.LetterId, input.MissionId, sent: false, input.FailureReason ?? "Unknown failure.", CancellationToken.None);
    }
}
