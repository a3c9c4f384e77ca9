using Azure;
using Azure.Data.Tables;

namespace Circulation.Distribution;

/// <summary>
/// The row that guards a mission's resends of one letter (partition = letter): how many were claimed and which one is
/// pending. Written only conditionally (insert, or replace If-Match its ETag), so two requests never both claim.
/// </summary>
internal sealed class ResendGuardEntity : ITableEntity
{
    /// <summary>Row keys of guards start with this, which no mission id does; listings of attempts skip them.</summary>
    public const string Prefix = "~resends|";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Count { get; set; }

    public string? PendingKey { get; set; }

    public string? PendingBy { get; set; }

    public DateTimeOffset? PendingSince { get; set; }

    public static string RowKeyFor(string missionId) => Prefix + missionId;
}
