namespace Circulation.Domain;

/// <summary>How many missions a letter goes to and how many deliveries have an outcome.</summary>
/// <param name="Total">Missions on the distribution list.</param>
/// <param name="Sent">Messages the mail server accepted.</param>
/// <param name="Failed">Messages that failed after retries.</param>
public sealed record DeliveryTally(int Total, int Sent, int Failed)
{
    /// <summary>No distribution yet.</summary>
    public static DeliveryTally None { get; } = new(0, 0, 0);

    /// <summary>Adds the outcomes of a batch.</summary>
    public DeliveryTally Add(int sent, int failed) => this with { Sent = this.Sent + sent, Failed = this.Failed + failed };
}
