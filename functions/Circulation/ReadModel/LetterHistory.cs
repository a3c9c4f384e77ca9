using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// What the letter page shows that the letter row leaves out, rebuilt from the timeline: the current round's approvals,
/// the earlier rounds that ended with a request for changes (or an undeliverable request), and the whole note.
/// </summary>
public static class LetterHistory
{
    /// <summary>The decisions on <paramref name="version"/>, in order; a decision's step is its place in the round.</summary>
    public static IReadOnlyList<ApprovalRecord> Approvals(IReadOnlyList<LetterEvent> timeline, int version)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var approvals = new List<ApprovalRecord>();
        foreach (var e in timeline)
        {
            if (e.Kind == LetterEventKind.Decided && e.Version == version && DecisionText.TryParse(e.Text, out var decision, out string comment))
            {
                approvals.Add(new ApprovalRecord(approvals.Count, e.Actor ?? "", decision, comment, e.At, e.RenditionSha256));
            }
        }

        return approvals;
    }

    /// <summary>
    /// The rounds of versions before <paramref name="version"/> that went back to the drafter (changes requested, or a
    /// request that could not be delivered), oldest first, each with its decisions and how it ended.
    /// </summary>
    public static IReadOnlyList<ApprovalRound> EarlierRounds(IReadOnlyList<LetterEvent> timeline, int version)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var rounds = new List<ApprovalRound>();
        foreach (var v in timeline.Where(e => e.Version < version).Select(e => e.Version!.Value).Distinct().Order())
        {
            if (EndOfRound(timeline, v) is { } end && IsReturn(end))
            {
                rounds.Add(new ApprovalRound(v, Approvals(timeline, v), NoteOf(end)));
            }
        }

        return rounds;
    }

    /// <summary>
    /// The letter's note: <paramref name="clipped"/> (the row's, cut at <see cref="LetterSummary.MaxNoteLength"/>), or,
    /// when it was cut, the whole text of the event it came from.
    /// </summary>
    public static string? Note(IReadOnlyList<LetterEvent> timeline, string? clipped)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (clipped is null || clipped.Length < LetterSummary.MaxNoteLength)
        {
            return clipped;
        }

        string start = clipped[..^1];
        return timeline.Reverse().Select(NoteOfAny).FirstOrDefault(n => n is not null && n.StartsWith(start, StringComparison.Ordinal)) ?? clipped;
    }

    /// <summary>The latest version <paramref name="approver"/> decided on before <paramref name="version"/>, in a round that went back to the drafter.</summary>
    public static int? LastVersionSeenBy(IReadOnlyList<LetterEvent> timeline, int version, string approver) =>
        EarlierRounds(timeline, version)
            .Where(r => r.Approvals.Any(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase)))
            .Select(r => (int?)r.Version)
            .Max();

    private static LetterEvent? EndOfRound(IReadOnlyList<LetterEvent> timeline, int version) =>
        timeline.LastOrDefault(e => e.Version == version && (e.Kind is LetterEventKind.Undeliverable or LetterEventKind.Expired
            || (e.Kind == LetterEventKind.Decided && DecisionText.TryParse(e.Text, out var d, out _) && d != ApprovalDecision.Approve)));

    private static bool IsReturn(LetterEvent end) =>
        end.Kind == LetterEventKind.Undeliverable
        || (end.Kind == LetterEventKind.Decided && DecisionText.TryParse(end.Text, out var d, out _) && d == ApprovalDecision.RequestChanges);

    private static string? NoteOf(LetterEvent end) =>
        end.Kind == LetterEventKind.Decided && DecisionText.TryParse(end.Text, out _, out string comment) ? comment : end.Text;

    private static string? NoteOfAny(LetterEvent e) =>
        e.Kind is LetterEventKind.Decided or LetterEventKind.Expired or LetterEventKind.Undeliverable or LetterEventKind.SignatureFailed ? NoteOf(e) : null;
}
