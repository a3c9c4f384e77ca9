using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// What the letters list and the letter page show about a letter, as of its last change: one row of the read model.
/// Small by design (no comments, no rounds): those are timeline events.
/// </summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter id.</param>
/// <param name="Subject">The current version's subject.</param>
/// <param name="Stage">Where the letter is.</param>
/// <param name="Version">The current version.</param>
/// <param name="Drafter">The drafter's address.</param>
/// <param name="DistributionList">The mission list id.</param>
/// <param name="Approvers">The approvers of the version in circulation, in order.</param>
/// <param name="Signatory">The signatory's address.</param>
/// <param name="Deliveries">The distribution's counts.</param>
/// <param name="Pending">The link the letter waits on, if any.</param>
/// <param name="SubmittedAt">When the current version was submitted.</param>
/// <param name="SignedAt">When it was signed.</param>
/// <param name="UpdatedAt">When this change happened.</param>
/// <param name="Note">How the last round ended, in words (clipped to <see cref="MaxNoteLength"/>).</param>
public sealed record LetterSummary(
    string LetterId,
    string Subject,
    LetterStage Stage,
    int Version,
    string Drafter,
    string DistributionList,
    IReadOnlyList<string> Approvers,
    string Signatory,
    DeliveryTally Deliveries,
    PendingAction? Pending,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? SignedAt,
    DateTimeOffset UpdatedAt,
    string? Note)
{
    /// <summary>The longest note kept in the summary; the timeline has the whole comment.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>The summary of <paramref name="progress"/> for the letter <paramref name="input"/> circulates, as of <paramref name="at"/>.</summary>
    public static LetterSummary Of(Workflow.CirculationInput input, LetterProgress progress, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(progress);
        string? note = progress.Note is { Length: > MaxNoteLength } long_ ? long_[..(MaxNoteLength - 1)] + "…" : progress.Note;
        return new LetterSummary(
            progress.LetterId,
            progress.Subject,
            progress.Stage,
            progress.Version,
            input.Drafter,
            input.DistributionList,
            input.Approvers,
            input.SignatoryEmail,
            progress.Deliveries,
            progress.Pending,
            progress.SubmittedAt,
            progress.SignedAt,
            at,
            note);
    }
}
