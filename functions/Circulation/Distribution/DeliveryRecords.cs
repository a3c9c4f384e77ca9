using System.Net;
using Azure;
using Azure.Data.Tables;
using Circulation.Mail;
using Circulation.Workflow;

namespace Circulation.Distribution;

/// <summary>
/// Every delivery attempt of every letter, in Azure Table Storage (partition = letter): the distribution's own attempt
/// per mission, created once (the first outcome stands), and each resend a person asked for, created pending when asked
/// and completed once. The archive keeps the final list in the letter's manifest.
/// </summary>
public sealed class DeliveryRecords
{
    /// <summary>The key of the distribution's own attempt to a mission.</summary>
    public const string FirstAttempt = "0";

    /// <summary>How long a claim whose attempt was never recorded still counts as pending.</summary>
    public static readonly TimeSpan AbandonedClaimAfter = TimeSpan.FromMinutes(5);

    private readonly TableClient table;
    private readonly TimeProvider clock;

    /// <summary>Creates the store over <paramref name="table"/>.</summary>
    public DeliveryRecords(TableClient table, TimeProvider clock)
    {
        this.table = table;
        this.clock = clock;
    }

    /// <summary>Creates the table if it does not exist.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => this.table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The distribution's own recorded outcome for the mission, or null when it has none yet.</summary>
    public async Task<DeliveryOutcome?> FindAsync(string letterId, string missionId, CancellationToken cancellationToken)
    {
        var row = await this.table.GetEntityIfExistsAsync<DeliveryEntity>(letterId, DeliveryEntity.RowKeyFor(missionId, FirstAttempt), cancellationToken: cancellationToken);
        return row.HasValue ? ToOutcome(row.Value!.ToAttempt()) : null;
    }

    /// <summary>Every attempt recorded for the letter, in one query.</summary>
    public async Task<IReadOnlyList<DeliveryAttempt>> ListAsync(string letterId, CancellationToken cancellationToken)
    {
        var attempts = new List<DeliveryAttempt>();
        await foreach (var row in this.table.QueryAsync<DeliveryEntity>(e => e.PartitionKey == letterId, cancellationToken: cancellationToken))
        {
            if (!row.RowKey.StartsWith(ResendGuardEntity.Prefix, StringComparison.Ordinal))
            {
                attempts.Add(row.ToAttempt());
            }
        }

        return attempts;
    }

    /// <summary>Each mission's latest attempt (the distribution's own, or its newest resend): what the mission got last.</summary>
    public static IReadOnlyDictionary<string, DeliveryAttempt> LatestByMission(IEnumerable<DeliveryAttempt> attempts) =>
        attempts.GroupBy(a => a.MissionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(a => a.At)!, StringComparer.Ordinal);

    /// <summary>Records the distribution's own outcome; when one is already recorded, that one stands and is returned.</summary>
    public Task<DeliveryOutcome> RecordAsync(string letterId, string missionId, bool sent, string? reason, CancellationToken cancellationToken) =>
        this.RecordFirstAsync(letterId, new DeliveryOutcome(missionId, sent, reason, this.clock.GetUtcNow()), cancellationToken);

    /// <summary>Records that the mail system took the mission's message, with its ids; when an outcome is already recorded, that one stands.</summary>
    public Task<DeliveryOutcome> RecordSentAsync(string letterId, string missionId, MailReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return this.RecordFirstAsync(letterId, Sent(missionId, receipt), cancellationToken);
    }

    /// <summary>Records a resend as asked (pending); asking again with the same key returns the attempt already recorded.</summary>
    public async Task<DeliveryAttempt> OpenResendAsync(string letterId, string missionId, string key, string requestedBy, string reason, CancellationToken cancellationToken)
    {
        var asked = new DeliveryAttempt(missionId, key, DeliveryState.Pending, this.clock.GetUtcNow(), RequestedBy: requestedBy, RequestReason: reason);
        return await this.AddOrGetAsync(letterId, asked, cancellationToken);
    }

    /// <summary>
    /// Claims the mission's next resend for the request <paramref name="key"/>, atomically: granted when no other resend of
    /// the mission is pending and fewer than <paramref name="maxResends"/> were claimed (or when <paramref name="key"/> holds
    /// the claim already). The claim is a conditional write (insert, or replace If-Match), so of any number of requests at
    /// once exactly one is granted. A claim whose attempt was never recorded (its request died before <see cref="OpenResendAsync"/>)
    /// stops counting as pending after <see cref="AbandonedClaimAfter"/>.
    /// </summary>
    public async Task<ResendClaim> ClaimResendAsync(string letterId, string missionId, string key, string requestedBy, int maxResends, CancellationToken cancellationToken)
    {
        string rowKey = ResendGuardEntity.RowKeyFor(missionId);
        while (true)
        {
            var now = this.clock.GetUtcNow();
            var found = await this.table.GetEntityIfExistsAsync<ResendGuardEntity>(letterId, rowKey, cancellationToken: cancellationToken);
            var guard = found.HasValue ? found.Value! : new ResendGuardEntity { PartitionKey = letterId, RowKey = rowKey };
            if (guard.PendingKey == key)
            {
                return new ResendClaim(true, guard.Count);
            }

            if (guard.PendingKey is { } pending && await this.IsPendingAsync(letterId, missionId, guard, now, cancellationToken))
            {
                return new ResendClaim(false, guard.Count, pending, guard.PendingBy, guard.PendingSince);
            }

            if (guard.Count >= maxResends)
            {
                return new ResendClaim(false, guard.Count);
            }

            guard.Count++;
            (guard.PendingKey, guard.PendingBy, guard.PendingSince) = (key, requestedBy, now);
            try
            {
                await (found.HasValue
                    ? this.table.UpdateEntityAsync(guard, guard.ETag, TableUpdateMode.Replace, cancellationToken)
                    : this.table.AddEntityAsync(guard, cancellationToken));
                return new ResendClaim(true, guard.Count);
            }
            catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // Another request claimed first: look again at what it wrote.
            }
        }
    }

    /// <summary>Completes a pending resend with its outcome; a resend already completed keeps its first outcome.</summary>
    public async Task<DeliveryAttempt> CloseResendAsync(string letterId, string missionId, string key, MailReceipt? receipt, string? failure, CancellationToken cancellationToken)
    {
        while (true)
        {
            var row = await this.table.GetEntityAsync<DeliveryEntity>(letterId, DeliveryEntity.RowKeyFor(missionId, key), cancellationToken: cancellationToken);
            var asked = row.Value.ToAttempt();
            if (asked.State != DeliveryState.Pending)
            {
                return asked;
            }

            var outcome = receipt is not null ? ToAttempt(Sent(missionId, receipt), key) : ToAttempt(new DeliveryOutcome(missionId, false, failure, this.clock.GetUtcNow()), key);
            var done = outcome with { RequestedBy = asked.RequestedBy, RequestReason = asked.RequestReason };
            try
            {
                await this.table.UpdateEntityAsync(DeliveryEntity.From(letterId, done), row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return done;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.PreconditionFailed)
            {
                // Completed meanwhile by another run of the same step: read the outcome that stands.
            }
        }
    }

    /// <summary>The outcome an attempt stands for.</summary>
    public static DeliveryOutcome ToOutcome(DeliveryAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new DeliveryOutcome(
            attempt.MissionId, attempt.State == DeliveryState.Sent, attempt.Reason, attempt.At, attempt.MessageId, attempt.ProviderMessageId, attempt.Sender, attempt.SentAt);
    }

    private static DeliveryAttempt ToAttempt(DeliveryOutcome outcome, string key) => new(
        outcome.MissionId,
        key,
        outcome.Sent ? DeliveryState.Sent : DeliveryState.Failed,
        outcome.At,
        outcome.Reason,
        outcome.MessageId,
        outcome.ProviderMessageId,
        outcome.Sender,
        outcome.SentAt);

    private DeliveryOutcome Sent(string missionId, MailReceipt receipt) =>
        new(missionId, true, null, this.clock.GetUtcNow(), receipt.MessageId, receipt.ProviderMessageId, receipt.Sender, receipt.AcceptedAt);

    private async Task<DeliveryOutcome> RecordFirstAsync(string letterId, DeliveryOutcome outcome, CancellationToken cancellationToken) =>
        ToOutcome(await this.AddOrGetAsync(letterId, ToAttempt(outcome, FirstAttempt), cancellationToken));

    private async Task<bool> IsPendingAsync(string letterId, string missionId, ResendGuardEntity guard, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempt = await this.table.GetEntityIfExistsAsync<DeliveryEntity>(letterId, DeliveryEntity.RowKeyFor(missionId, guard.PendingKey!), cancellationToken: cancellationToken);
        return attempt.HasValue
            ? attempt.Value!.ToAttempt().State == DeliveryState.Pending
            : now - (guard.PendingSince ?? now) < AbandonedClaimAfter;
    }

    private async Task<DeliveryAttempt> AddOrGetAsync(string letterId, DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            await this.table.AddEntityAsync(DeliveryEntity.From(letterId, attempt), cancellationToken);
            return attempt;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var row = await this.table.GetEntityAsync<DeliveryEntity>(letterId, DeliveryEntity.RowKeyFor(attempt.MissionId, attempt.Key), cancellationToken: cancellationToken);
            return row.Value.ToAttempt();
        }
    }
}
