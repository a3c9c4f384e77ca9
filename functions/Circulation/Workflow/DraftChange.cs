namespace Circulation.Workflow;

/// <summary>
/// The event the HTTP layer raises when the drafter stores or submits a version (its JSON and PDF are already
/// archived). It carries what the circulation of that version needs, so the workflow never reads storage itself.
/// Workflow wire contract: add members only with defaults, never rename.
/// </summary>
/// <param name="Kind">Revised or submitted.</param>
/// <param name="Version">The version stored or submitted.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Approvers">Its approvers, in order.</param>
/// <param name="SignatoryEmail">Its signatory's address.</param>
/// <param name="Drafter">Its drafter's address.</param>
/// <param name="DistributionList">Its mission list id.</param>
/// <param name="At">When the drafter acted.</param>
public sealed record DraftChange(
    DraftChangeKind Kind,
    int Version,
    string Subject,
    IReadOnlyList<string> Approvers,
    string SignatoryEmail,
    string Drafter,
    string DistributionList,
    DateTimeOffset At)
{
    /// <summary>The external event name the workflow waits on while the letter is in drafting.</summary>
    public const string EventName = "draft";
}
