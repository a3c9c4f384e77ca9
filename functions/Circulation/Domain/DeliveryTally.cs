using System.Text.Json.Serialization;

namespace Circulation.Domain;

/// <summary>How many missions a letter goes to and how many deliveries have an outcome.</summary>
/// <param name="Total">Missions on the distribution list.</param>
/// <param name="Sent">Messages the mail server accepted.</param>
/// <param name="Failed">Messages that failed after retries.</param>
/// <param name="StartedAt">When the first copies went out.</param>
/// <param name="WaitingUntil">While some copies wait to be tried again: when.</param>
/// <param name="Waiting">Why they wait, in plain words.</param>
public sealed record DeliveryTally(int Total, int Sent, int Failed, DateTimeOffset? StartedAt = null, DateTimeOffset? WaitingUntil = null, string? Waiting = null)
{
    /// <summary>No distribution yet.</summary>
    public static DeliveryTally None { get; } = new(0, 0, 0);

    /// <summary>Missions without an outcome yet.</summary>
    [JsonIgnore]
    public int Remaining => this.Total - this.Sent - this.Failed;

    /// <summary>The outcome in words, as the timeline shows it: "192 of 193 sent, 1 failed".</summary>
    [JsonIgnore]
    public string InWords => $"{this.Sent} of {this.Total} sent" + (this.Failed > 0 ? $", {this.Failed} failed" : "");

    /// <summary>Adds the outcomes of a batch.</summary>
    public DeliveryTally Add(int sent, int failed) => this with { Sent = this.Sent + sent, Failed = this.Failed + failed };
}
