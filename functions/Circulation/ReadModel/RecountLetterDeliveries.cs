using Circulation.Distribution;
using Circulation.Domain;
using Microsoft.DurableTask;

namespace Circulation.ReadModel;

/// <summary>
/// Activity: sets the letter row's sent and failed counts from each mission's latest delivery attempt, so that after a
/// resend the list and "Needs attention" say what the missions have now; idempotent (a count from the records, not an
/// increment). Returns the counts set.
/// </summary>
public sealed class RecountLetterDeliveries : TaskActivity<LetterRecount, DeliveryTally>
{
    private readonly DeliveryRecords deliveries;
    private readonly LetterReadModel readModel;

    /// <summary>Creates the activity.</summary>
    public RecountLetterDeliveries(DeliveryRecords deliveries, LetterReadModel readModel)
    {
        this.deliveries = deliveries;
        this.readModel = readModel;
    }

    /// <inheritdoc/>
    public override async Task<DeliveryTally> RunAsync(TaskActivityContext context, LetterRecount input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DeliveryTally counted = DeliveryTally.None;
        await this.readModel.SetDeliveryCountsAsync(
            input.LetterId,
            async ct =>
            {
                // A resend still pending (or never started) has not reached the mission: the attempt before it stands.
                var attempts = (await this.deliveries.ListAsync(input.LetterId, ct)).Where(a => a.State != DeliveryState.Pending);
                var latest = DeliveryRecords.LatestByMission(attempts).Values.ToList();
                counted = new DeliveryTally(latest.Count, latest.Count(a => a.State == DeliveryState.Sent), latest.Count(a => a.State == DeliveryState.Failed));
                return (counted.Sent, counted.Failed);
            },
            input.At,
            CancellationToken.None);
        return counted;
    }
}
