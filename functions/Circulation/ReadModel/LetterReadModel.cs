using Azure;
using Azure.Data.Tables;

namespace Circulation.ReadModel;

/// <summary>
/// The read model in Azure Table Storage: a row per letter (what lists and pages show), a subject word index beside the
/// rows in the same table (<see cref="LetterWordEntity"/>), and the letters' timeline events. Written only by
/// <see cref="RecordLetterChange"/> and <see cref="RecordLetterEvent"/>, each write an upsert keyed by identity, so a
/// retried activity writes the same rows again.
/// </summary>
public sealed class LetterReadModel
{
    private const int WordCandidateBatch = 25;
    private readonly TableClient letters;
    private readonly TableClient events;

    /// <summary>Creates the read model over its two tables.</summary>
    public LetterReadModel(TableClient letters, TableClient events)
    {
        this.letters = letters;
        this.events = events;
    }

    /// <summary>Creates the tables if they do not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await this.letters.CreateIfNotExistsAsync(cancellationToken);
        await this.events.CreateIfNotExistsAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the letter's event, if any, then its word index when the subject or drafter changed, then its row. The row
    /// last: until it is written a retry sees the old subject and writes the index again.
    /// </summary>
    public async Task RecordAsync(LetterChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);

        // The event first: a row that says "Signed" never lacks the event that made it so.
        if (change.Event is { } e)
        {
            await this.AppendAsync(change.Letter.LetterId, e, cancellationToken);
        }

        var row = LetterEntity.From(change.Letter);
        var before = await this.FindAsync(change.Letter.LetterId, cancellationToken);
        if (before is null || before.Subject != row.Subject || before.Drafter != row.Drafter)
        {
            await this.IndexAsync(before, row, cancellationToken);
        }

        await this.letters.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Sets the letter row's sent and failed counts to what <paramref name="count"/> gives (from each mission's latest
    /// attempt) and its last change to <paramref name="at"/>, leaving the rest of the row as it is; nothing when the letter
    /// has no row. The row is read first and the counts made after, and the row is replaced only if unchanged since it was
    /// read (else both again): the write that lands last was counted after every write before it.
    /// </summary>
    public async Task SetDeliveryCountsAsync(
        string letterId, Func<CancellationToken, Task<(int Sent, int Failed)>> count, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(count);
        for (int attempt = 1; ; attempt++)
        {
            var row = await this.FindAsync(letterId, cancellationToken);
            if (row is null)
            {
                return;
            }

            var (sent, failed) = await count(cancellationToken);
            if (row.Sent == sent && row.Failed == failed)
            {
                return;
            }

            row.Sent = sent;
            row.Failed = failed;
            row.UpdatedAt = at > row.UpdatedAt ? at : row.UpdatedAt;
            try
            {
                await this.letters.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Written meanwhile: read it again and set the counts on the new row.
            }
        }
    }

    /// <summary>Adds <paramref name="e"/> to the timeline of <paramref name="letterId"/>.</summary>
    public async Task AppendAsync(string letterId, LetterEvent e, CancellationToken cancellationToken) =>
        await this.events.UpsertEntityAsync(LetterEventEntity.From(letterId, e), TableUpdateMode.Replace, cancellationToken);

    /// <summary>The letter's row, or null when the read model has none.</summary>
    public async Task<LetterEntity?> FindAsync(string letterId, CancellationToken cancellationToken)
    {
        var row = await this.letters.GetEntityIfExistsAsync<LetterEntity>(LetterEntity.Partition, LetterEntity.RowKeyFor(letterId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// The letter's timeline, oldest first. Events of one orchestration step can have the same time (a letter created
    /// and submitted at once): those are in the order of their kinds, which is the order a letter goes through them.
    /// </summary>
    public async Task<IReadOnlyList<LetterEvent>> TimelineAsync(string letterId, CancellationToken cancellationToken)
    {
        var timeline = new List<LetterEvent>();
        await foreach (var row in this.events.QueryAsync<LetterEventEntity>(e => e.PartitionKey == letterId, cancellationToken: cancellationToken))
        {
            timeline.Add(row.ToEvent());
        }

        return [.. timeline.OrderBy(e => e.At).ThenBy(e => (int)e.Kind)];
    }

    /// <summary>
    /// One page of the letters <paramref name="query"/> asks for, newest first, as of <paramref name="now"/>: from the
    /// letter rows with a table filter, or, with subject words, from the index partition of the longest word, each
    /// entry checked for the other words and the drafter before its row is read and checked for the rest.
    /// </summary>
    public async Task<LetterListPage> ListAsync(LetterQuery query, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        int wanted = query.Limit + 1;
        var found = query.Words is { Count: > 0 } words
            ? await this.SearchAsync(query, words, now, wanted, cancellationToken)
            : await this.ScanAsync(query, now, wanted, cancellationToken);
        return found.Count > query.Limit
            ? new LetterListPage(found[..query.Limit], ListContinuation.Encode(found[query.Limit - 1].RowKey))
            : new LetterListPage(found, null);
    }

    private async Task<List<LetterEntity>> ScanAsync(LetterQuery query, DateTimeOffset now, int wanted, CancellationToken cancellationToken)
    {
        var found = new List<LetterEntity>(wanted);
        await foreach (var row in this.letters.QueryAsync<LetterEntity>(query.RowFilter(now), maxPerPage: Math.Min(1000, wanted), cancellationToken: cancellationToken))
        {
            found.Add(row);
            if (found.Count == wanted)
            {
                break;
            }
        }

        return found;
    }

    private async Task<List<LetterEntity>> SearchAsync(LetterQuery query, IReadOnlyList<string> words, DateTimeOffset now, int wanted, CancellationToken cancellationToken)
    {
        string driver = words.MaxBy(w => w.Length)!;
        string? drafter = query.Drafter?.ToLowerInvariant();
        var found = new List<LetterEntity>(wanted);
        var candidates = new List<string>(WordCandidateBatch);
        await foreach (var entry in this.letters.QueryAsync<LetterWordEntity>(
            query.KeyFilter(LetterWordEntity.PartitionFor(driver)), maxPerPage: 1000, select: [nameof(LetterWordEntity.LetterId), nameof(LetterWordEntity.Words), nameof(LetterWordEntity.Drafter)], cancellationToken: cancellationToken))
        {
            if ((drafter is null || entry.Drafter == drafter) && SubjectWords.ContainsAll(entry.Words, words))
            {
                candidates.Add(entry.LetterId);
            }

            if (candidates.Count >= Math.Min(WordCandidateBatch, wanted - found.Count))
            {
                await this.ReadMatchingAsync(candidates, query, now, wanted, found, cancellationToken);
                if (found.Count == wanted)
                {
                    return found;
                }
            }
        }

        await this.ReadMatchingAsync(candidates, query, now, wanted, found, cancellationToken);
        return found;
    }

    private async Task ReadMatchingAsync(
        List<string> candidates, LetterQuery query, DateTimeOffset now, int wanted, List<LetterEntity> found, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(candidates.Select(id => this.FindAsync(id, cancellationToken)));
        candidates.Clear();
        found.AddRange(rows.Where(r => r is not null && query.Matches(r, now)).Take(wanted - found.Count)!);
    }

    private async Task IndexAsync(LetterEntity? before, LetterEntity row, CancellationToken cancellationToken)
    {
        var words = SubjectWords.Of(row.Subject);
        string joined = SubjectWords.Joined(words);
        foreach (string word in words)
        {
            await this.letters.UpsertEntityAsync(
                new LetterWordEntity { PartitionKey = LetterWordEntity.PartitionFor(word), RowKey = row.RowKey, LetterId = row.LetterId, Words = joined, Drafter = row.Drafter },
                TableUpdateMode.Replace,
                cancellationToken);
        }

        foreach (string gone in SubjectWords.Of(before?.Subject).Except(words, StringComparer.Ordinal))
        {
            try
            {
                await this.letters.DeleteEntityAsync(LetterWordEntity.PartitionFor(gone), row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already gone: a retry of a write that got this far.
            }
        }
    }
}
