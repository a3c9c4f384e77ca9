using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// A letter's row in the read model's letters table: every letter in one partition, keyed so that a plain query reads
/// the newest first (<see cref="RowKeyFor"/>).
/// </summary>
public sealed class LetterEntity : ITableEntity
{
    /// <summary>The one partition of letter rows.</summary>
    public const string Partition = "letter";

    /// <inheritdoc/>
    public string PartitionKey { get; set; } = Partition;

    /// <inheritdoc/>
    public string RowKey { get; set; } = "";

    /// <inheritdoc/>
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc/>
    public ETag ETag { get; set; }

    /// <summary>The letter id.</summary>
    public string LetterId { get; set; } = "";

    /// <summary>The current version's subject.</summary>
    public string Subject { get; set; } = "";

    /// <summary>The stage's name (<see cref="LetterStage"/>).</summary>
    public string Stage { get; set; } = "";

    /// <summary>The current version.</summary>
    public int Version { get; set; }

    /// <summary>The drafter's address, lower case.</summary>
    public string Drafter { get; set; } = "";

    /// <summary>The mission list id.</summary>
    public string DistributionList { get; set; } = "";

    /// <summary>The approvers, in order, separated by ";".</summary>
    public string Approvers { get; set; } = "";

    /// <summary>The signatory's address.</summary>
    public string Signatory { get; set; } = "";

    /// <summary>When the letter was created (from its id).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the current version was submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>When it was signed.</summary>
    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>Missions on the list, once signed.</summary>
    public int Total { get; set; }

    /// <summary>Copies sent.</summary>
    public int Sent { get; set; }

    /// <summary>Copies failed.</summary>
    public int Failed { get; set; }

    /// <summary>When the first copies went out.</summary>
    public DateTimeOffset? DistributionStartedAt { get; set; }

    /// <summary>While copies wait to be tried again: until when.</summary>
    public DateTimeOffset? WaitingUntil { get; set; }

    /// <summary>Why they wait.</summary>
    public string? Waiting { get; set; }

    /// <summary>What the pending link is for (Approval, Signature), if any.</summary>
    public string? PendingKind { get; set; }

    /// <summary>The pending approver's step (0-based).</summary>
    public int? PendingStep { get; set; }

    /// <summary>Who the pending link went to.</summary>
    public string? PendingActor { get; set; }

    /// <summary>When the pending link lapses.</summary>
    public DateTimeOffset? PendingExpiresAt { get; set; }

    /// <summary>How the last round ended, clipped.</summary>
    public string? Note { get; set; }

    /// <summary>
    /// The row key of <paramref name="letterId"/>: each digit of the id's time replaced by 9 minus itself, so that row
    /// keys sort newest first ("L20261125-103512-7K2QX9" becomes "79738874-896487-7K2QX9").
    /// </summary>
    public static string RowKeyFor(string letterId)
    {
        ArgumentNullException.ThrowIfNull(letterId);
        return string.Create(letterId.Length - 1, letterId, static (span, id) =>
        {
            for (int i = 1; i < id.Length; i++)
            {
                char c = id[i];
                span[i - 1] = i <= 15 && char.IsAsciiDigit(c) ? (char)('9' - c + '0') : c;
            }
        });
    }

    /// <summary>
    /// The first eight characters of the row keys of letters created on <paramref name="day"/> (UTC): the date's digits
    /// inverted as in <see cref="RowKeyFor"/>, so a created-date range is a row key range.
    /// </summary>
    public static string RowKeyPrefixFor(DateOnly day) =>
        RowKeyFor(string.Create(CultureInfo.InvariantCulture, $"L{day:yyyyMMdd}"));

    /// <summary>
    /// The letter as a <see cref="LetterProgress"/> with <paramref name="approvals"/>, <paramref name="earlierRounds"/>
    /// and <paramref name="note"/> from its timeline (<see cref="LetterHistory"/>). The pending link has no token id: the
    /// read model never holds one.
    /// </summary>
    public LetterProgress ToProgress(IReadOnlyList<ApprovalRecord> approvals, IReadOnlyList<ApprovalRound> earlierRounds, string? note) => new(
        this.LetterId,
        this.Subject,
        Enum.Parse<LetterStage>(this.Stage),
        this.Version,
        approvals,
        this.PendingKind is { } kind && this.PendingActor is { } actor && this.PendingExpiresAt is { } expires
            ? new PendingAction(Enum.Parse<LinkPurpose>(kind), this.PendingStep ?? 0, actor, "", expires)
            : null,
        new DeliveryTally(this.Total, this.Sent, this.Failed, this.DistributionStartedAt, this.WaitingUntil, this.Waiting),
        this.SignedAt,
        note,
        this.SubmittedAt,
        earlierRounds);

    /// <summary>The row for <paramref name="letter"/>.</summary>
    public static LetterEntity From(LetterSummary letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new LetterEntity
        {
            RowKey = RowKeyFor(letter.LetterId),
            LetterId = letter.LetterId,
            Subject = letter.Subject,
            Stage = letter.Stage.ToString(),
            Version = letter.Version,
            Drafter = letter.Drafter.ToLowerInvariant(),
            DistributionList = letter.DistributionList,
            Approvers = string.Join(';', letter.Approvers),
            Signatory = letter.Signatory,
            CreatedAt = Drafting.LetterId.CreatedAt(letter.LetterId),
            UpdatedAt = letter.UpdatedAt,
            SubmittedAt = letter.SubmittedAt,
            SignedAt = letter.SignedAt,
            Total = letter.Deliveries.Total,
            Sent = letter.Deliveries.Sent,
            Failed = letter.Deliveries.Failed,
            DistributionStartedAt = letter.Deliveries.StartedAt,
            WaitingUntil = letter.Deliveries.WaitingUntil,
            Waiting = letter.Deliveries.Waiting,
            PendingKind = letter.Pending?.Kind.ToString(),
            PendingStep = letter.Pending?.Step,
            PendingActor = letter.Pending?.Actor.ToLowerInvariant(),
            PendingExpiresAt = letter.Pending?.ExpiresAt,
            Note = letter.Note,
        };
    }
}
