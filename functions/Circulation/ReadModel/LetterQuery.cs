using Azure.Data.Tables;
using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// What a letters list asks the read model for. Every criterion is checked twice in the same terms: as a table filter
/// on the letter rows (<see cref="RowFilter"/>) and in memory (<see cref="Matches"/>) for rows found through the word index.
/// </summary>
/// <param name="Stage">Only letters in this stage.</param>
/// <param name="Drafter">Only letters of this drafter (any case).</param>
/// <param name="From">Only letters created on or after this day (UTC).</param>
/// <param name="To">Only letters created on or before this day (UTC).</param>
/// <param name="Words">Only letters whose subject has every one of these normalized words (<see cref="SubjectWords"/>).</param>
/// <param name="AttentionOf">Only letters that need the attention of this person (<see cref="LetterAttention"/>).</param>
/// <param name="After">Only letters after this row key (the previous page's last), i.e. older.</param>
/// <param name="Limit">How many letters a page holds.</param>
/// <param name="DraftedByOrAwaiting">Only letters this person drafted or whose pending link is theirs (what a person who is not an admin may list).</param>
public sealed record LetterQuery(
    LetterStage? Stage = null,
    string? Drafter = null,
    DateOnly? From = null,
    DateOnly? To = null,
    IReadOnlyList<string>? Words = null,
    string? AttentionOf = null,
    string? After = null,
    int Limit = LetterQuery.DefaultLimit,
    string? DraftedByOrAwaiting = null)
{
    /// <summary>The page size when none is asked for.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;

    /// <summary>The row key bounds of the dates and the continuation, for <paramref name="partition"/>.</summary>
    public string KeyFilter(string partition)
    {
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition}") };
        if (this.To is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey ge {LetterEntity.RowKeyPrefixFor(to)}"));
        }

        if (this.From is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey lt {LetterEntity.RowKeyPrefixFor(from) + "~"}"));
        }

        if (this.After is { } after)
        {
            parts.Add(TableClient.CreateQueryFilter($"RowKey gt {after}"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>The table filter on letter rows for every criterion but <see cref="Words"/>, as of <paramref name="now"/>.</summary>
    public string RowFilter(DateTimeOffset now)
    {
        var parts = new List<string> { this.KeyFilter(LetterEntity.Partition) };
        if (this.Stage is { } stage)
        {
            parts.Add(TableClient.CreateQueryFilter($"Stage eq {stage.ToString()}"));
        }

        if (this.Drafter is { } drafter)
        {
            parts.Add(TableClient.CreateQueryFilter($"Drafter eq {drafter.ToLowerInvariant()}"));
        }

        if (this.DraftedByOrAwaiting is { } mine)
        {
            string own = mine.ToLowerInvariant();
            parts.Add(TableClient.CreateQueryFilter($"(Drafter eq {own} or PendingActor eq {own})"));
        }

        if (this.AttentionOf is { } me)
        {
            string person = me.ToLowerInvariant();
            string changes = nameof(LetterStage.ChangesRequested);
            string unsigned = nameof(LetterStage.SignatureFailed);
            var soon = now + LetterAttention.ExpiringWithin;
            parts.Add(TableClient.CreateQueryFilter(
                $"(PendingActor eq {person} or (Stage eq {changes} and Drafter eq {person}) or Failed gt {0} or PendingExpiresAt le {soon} or Stage eq {unsigned})"));
        }

        return string.Join(" and ", parts);
    }

    /// <summary>True when <paramref name="row"/> passes every criterion but <see cref="Words"/> (the same as <see cref="RowFilter"/>).</summary>
    public bool Matches(LetterEntity row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        string created = row.RowKey.Length >= 8 ? row.RowKey[..8] : row.RowKey;
        return (this.Stage is not { } stage || row.Stage == stage.ToString())
            && (this.Drafter is not { } drafter || row.Drafter == drafter.ToLowerInvariant())
            && (this.DraftedByOrAwaiting is not { } mine || row.Drafter == mine.ToLowerInvariant() || string.Equals(row.PendingActor, mine, StringComparison.OrdinalIgnoreCase))
            && (this.To is not { } to || string.CompareOrdinal(created, LetterEntity.RowKeyPrefixFor(to)) >= 0)
            && (this.From is not { } from || string.CompareOrdinal(created, LetterEntity.RowKeyPrefixFor(from)) <= 0)
            && (this.After is not { } after || string.CompareOrdinal(row.RowKey, after) > 0)
            && (this.AttentionOf is not { } me || LetterAttention.Of(row, me, now).Count > 0);
    }

}
