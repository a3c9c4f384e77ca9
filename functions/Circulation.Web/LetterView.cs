using Circulation.Domain;
using Circulation.ReadModel;

namespace Circulation.Web;

/// <summary>
/// A letter as its page shows it: from the read model's row and timeline, or, in the moment between its creation and its
/// workflow's first record, from the orchestration. Editable, the workflow's state and its failure always come from the
/// orchestration, the authority on what the letter may do next.
/// </summary>
/// <param name="Progress">Stage, version, approvals, earlier rounds, note, pending link (without its token id when read from the read model) and deliveries.</param>
/// <param name="Drafter">The drafter.</param>
/// <param name="Approvers">The approvers of the version in circulation.</param>
/// <param name="DistributionList">The mission list.</param>
/// <param name="Signatory">The signatory's address.</param>
/// <param name="CreatedAt">When the letter was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Editable">True when the drafter may edit or submit it now.</param>
/// <param name="Workflow">The orchestration's runtime status.</param>
/// <param name="Failure">The error, when the workflow itself failed.</param>
/// <param name="Timeline">The timeline, oldest first (empty before the workflow's first record).</param>
public sealed record LetterView(
    LetterProgress Progress,
    string Drafter,
    IReadOnlyList<string> Approvers,
    string DistributionList,
    string Signatory,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Editable,
    string Workflow,
    string? Failure,
    IReadOnlyList<LetterEvent> Timeline)
{
    /// <summary>The view of a letter whose workflow has not recorded it yet: the orchestration's status, input and facts.</summary>
    public static LetterView Of(LetterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new LetterView(
            snapshot.Progress,
            snapshot.Input.Drafter,
            snapshot.Input.Approvers,
            snapshot.Input.DistributionList,
            snapshot.Input.SignatoryEmail,
            snapshot.CreatedAt,
            snapshot.LastUpdatedAt,
            snapshot.IsEditable,
            snapshot.RuntimeStatus.ToString(),
            snapshot.Failure,
            []);
    }

    /// <summary>The view of a letter from its read model <paramref name="row"/> and <paramref name="timeline"/>.</summary>
    public static LetterView Of(LetterEntity row, IReadOnlyList<LetterEvent> timeline, LetterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(snapshot);
        var progress = row.ToProgress(
            LetterHistory.Approvals(timeline, row.Version), LetterHistory.EarlierRounds(timeline, row.Version), LetterHistory.Note(timeline, row.Note));
        return new LetterView(
            progress,
            row.Drafter,
            row.Approvers.Length == 0 ? [] : row.Approvers.Split(';'),
            row.DistributionList,
            row.Signatory,
            row.CreatedAt,
            row.UpdatedAt,
            snapshot.IsEditable,
            snapshot.RuntimeStatus.ToString(),
            snapshot.Failure,
            timeline);
    }
}
