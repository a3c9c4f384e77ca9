using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>
/// What one execution of a letter's workflow starts with. The workflow continues as new with each submitted version,
/// so from then on this describes the version in circulation; while a letter is edited, the newest version's own
/// fields are in its archived JSON.
/// Workflow wire contract: add members only with defaults, never rename.
/// </summary>
/// <param name="LetterId">The letter id, also the orchestration instance id.</param>
/// <param name="Version">The version circulated, or the first version of a saved draft (its JSON is already archived).</param>
/// <param name="Subject">The subject, shown in status and lists.</param>
/// <param name="Approvers">Approvers' addresses, in order.</param>
/// <param name="SignatoryEmail">Where the signature link goes.</param>
/// <param name="Drafter">The drafter, told when the round ends early.</param>
/// <param name="DistributionList">The mission list id.</param>
/// <param name="LinkLifetime">How long each e-mailed link stays valid.</param>
/// <param name="DistributionParallelism">How many missions' messages go out at once.</param>
/// <param name="AwaitSubmission">
/// True: wait for the drafter to store or submit a version (a draft saved without starting approval).
/// False (and the default, as before drafts existed): circulate <paramref name="Version"/> now.
/// </param>
/// <param name="Progress">The letter's state carried over from the previous execution; null for a new letter.</param>
/// <param name="DistributionBatchSize">Missions per send activity.</param>
/// <param name="SigningRetryInterval">The first wait before the digital signature is tried again; null: the default.</param>
public sealed record CirculationInput(
    string LetterId,
    int Version,
    string Subject,
    IReadOnlyList<string> Approvers,
    string SignatoryEmail,
    string Drafter,
    string DistributionList,
    TimeSpan LinkLifetime,
    int DistributionParallelism,
    bool AwaitSubmission = false,
    LetterProgress? Progress = null,
    int DistributionBatchSize = WorkflowOptions.DefaultBatchSize,
    TimeSpan? SigningRetryInterval = null)
{
    /// <summary>
    /// The input that starts the workflow of <paramref name="draft"/>, stored as <paramref name="version"/> of
    /// <paramref name="letterId"/>: circulating it now, or with <paramref name="awaitSubmission"/> waiting for a submission.
    /// </summary>
    public static CirculationInput Of(string letterId, int version, Drafting.LetterDraft draft, TimeSpan linkLifetime, WorkflowOptions workflow, bool awaitSubmission)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(workflow);
        return new CirculationInput(
            letterId, version, draft.Subject, draft.Approvers, draft.Signatory.Email, draft.Drafter, draft.DistributionList, linkLifetime,
            workflow.DistributionParallelism, awaitSubmission, DistributionBatchSize: workflow.DistributionBatchSize, SigningRetryInterval: workflow.SigningRetryInterval);
    }

    /// <summary>This input moved to the version <paramref name="change"/> describes.</summary>
    public CirculationInput For(DraftChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with
        {
            Version = change.Version,
            Subject = change.Subject,
            Approvers = change.Approvers,
            SignatoryEmail = change.SignatoryEmail,
            Drafter = change.Drafter,
            DistributionList = change.DistributionList,
        };
    }
}
