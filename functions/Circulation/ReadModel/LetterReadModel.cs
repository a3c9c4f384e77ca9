using Azure.Data.Tables;

namespace Circulation.ReadModel;

/// <summary>
/// The read model in Azure Table Storage: a row per letter (what lists and pages show) and its timeline events.
/// Written only by <see cref="RecordLetterChange"/>, each write an upsert keyed by identity, so a retried activity
/// writes the same rows again.
/// </summary>
public sealed class LetterReadModel
{
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

    /// <summary>Writes the letter's row and, if any, its event.</summary>
    public async Task RecordAsync(LetterChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);

        // The event first: a row that says "Signed" never lacks the event that made it so.
        if (change.Event is { } e)
        {
            await this.events.UpsertEntityAsync(LetterEventEntity.From(change.Letter.LetterId, e), TableUpdateMode.Replace, cancellationToken);
        }

        await this.letters.UpsertEntityAsync(LetterEntity.From(change.Letter), TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The letter's row, or null when the read model has none.</summary>
    public async Task<LetterEntity?> FindAsync(string letterId, CancellationToken cancellationToken)
    {
        var row = await this.letters.GetEntityIfExistsAsync<LetterEntity>(LetterEntity.Partition, LetterEntity.RowKeyFor(letterId), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>The letter's timeline, oldest first.</summary>
    public async Task<IReadOnlyList<LetterEvent>> TimelineAsync(string letterId, CancellationToken cancellationToken)
    {
        var timeline = new List<LetterEvent>();
        await foreach (var row in this.events.QueryAsync<LetterEventEntity>(e => e.PartitionKey == letterId, cancellationToken: cancellationToken))
        {
            timeline.Add(row.ToEvent());
        }

        return timeline;
    }
}
