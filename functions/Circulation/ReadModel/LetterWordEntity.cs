using Azure;
using Azure.Data.Tables;

namespace Circulation.ReadModel;

/// <summary>
/// One entry of the subject word index, in the letters table beside the letter rows: partition "word:" + a normalized
/// word (<see cref="SubjectWords"/>), row key = the letter's row key, so a partition reads the letters whose subject has
/// that word newest first. It carries the subject's words and the drafter, so a search for several words, or by one
/// drafter, is decided on the index row alone.
/// </summary>
public sealed class LetterWordEntity : ITableEntity
{
    /// <summary>What every index partition key starts with.</summary>
    public const string PartitionPrefix = "word:";

    /// <inheritdoc/>
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc/>
    public string RowKey { get; set; } = "";

    /// <inheritdoc/>
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc/>
    public ETag ETag { get; set; }

    /// <summary>The letter id.</summary>
    public string LetterId { get; set; } = "";

    /// <summary>Every word of the subject (<see cref="SubjectWords.Joined"/>).</summary>
    public string Words { get; set; } = "";

    /// <summary>The drafter's address, lower case.</summary>
    public string Drafter { get; set; } = "";

    /// <summary>The index partition of <paramref name="word"/> (already normalized).</summary>
    public static string PartitionFor(string word) => PartitionPrefix + word;
}
