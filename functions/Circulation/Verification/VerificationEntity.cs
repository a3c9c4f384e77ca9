using Azure;
using Azure.Data.Tables;

namespace Circulation.Verification;

/// <summary>A row of the verification table: partition = the signed PDF's SHA-256, one row ("letter").</summary>
internal sealed class VerificationEntity : ITableEntity
{
    public const string LetterRow = "letter";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = LetterRow;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string LetterId { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>The letter's date, yyyy-MM-dd.</summary>
    public string Date { get; set; } = "";

    public string Signatory { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTimeOffset SignedAt { get; set; }

    public string? DistributionList { get; set; }

    public int? Missions { get; set; }

    /// <summary>Null until the letter's distribution starts: until then the PDF is not a circulated letter.</summary>
    public DateTimeOffset? CirculatedAt { get; set; }
}
