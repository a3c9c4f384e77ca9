using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Circulation.ReadModel;

/// <summary>One timeline event in the read model's events table: partition = letter, row key = time then event id, so a partition reads in order.</summary>
public sealed class LetterEventEntity : ITableEntity
{
    /// <summary>The longest text kept (a table string property holds 32K characters; comments are limited well below this).</summary>
    public const int MaxTextLength = 8000;

    /// <inheritdoc/>
    public string PartitionKey { get; set; } = "";

    /// <inheritdoc/>
    public string RowKey { get; set; } = "";

    /// <inheritdoc/>
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc/>
    public ETag ETag { get; set; }

    /// <summary>The event id.</summary>
    public string EventId { get; set; } = "";

    /// <summary>The kind's name (<see cref="LetterEventKind"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who.</summary>
    public string? Actor { get; set; }

    /// <summary>The comment, reason or decision.</summary>
    public string? Text { get; set; }

    /// <summary>The version it concerns.</summary>
    public int? Version { get; set; }

    /// <summary>For a decision: the SHA-256 of the PDF decided on.</summary>
    public string? RenditionSha256 { get; set; }

    /// <summary>The row for <paramref name="e"/> of <paramref name="letterId"/>.</summary>
    public static LetterEventEntity From(string letterId, LetterEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new LetterEventEntity
        {
            PartitionKey = letterId,
            RowKey = string.Create(CultureInfo.InvariantCulture, $"{e.At.UtcTicks:D19}-{e.EventId}"),
            EventId = e.EventId,
            Kind = e.Kind.ToString(),
            At = e.At,
            Actor = e.Actor,
            Text = e.Text is { Length: > MaxTextLength } t ? t[..(MaxTextLength - 1)] + "…" : e.Text,
            Version = e.Version,
            RenditionSha256 = e.RenditionSha256,
        };
    }

    /// <summary>The event this row holds.</summary>
    public LetterEvent ToEvent() =>
        new(this.EventId, Enum.Parse<LetterEventKind>(this.Kind), this.At, this.Actor, this.Text, this.Version, this.RenditionSha256);
}
