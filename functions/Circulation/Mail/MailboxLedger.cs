using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Circulation.Mail;

/// <summary>
/// One sending mailbox's ledger (<see cref="MailboxLedgerState"/>) as this host sees it: the last version read or written
/// and its ETag are cached, every change is applied to a copy of the cache and written with that ETag, and only a
/// conflict (another host wrote first) costs a read. A send's answer is not written on its own: it rides on the next
/// write (usually the next send's claim), or is written a twentieth of the message window later (at most 1 s), so a
/// single host needs about one write per message and no reads. Until then other hosts see the send as a claim in flight,
/// which holds its place as a stamp would. A verdict to wait that rests on a cache older than a tenth of the message
/// window (at most 5 s) is checked against a fresh read first. Changes of this host are serialized (one at a time), so
/// its own sends never conflict with each other.
/// </summary>
internal sealed partial class MailboxLedger : IDisposable, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly IMailboxLedgerStore store;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<string> own = new(StringComparer.Ordinal);
    private readonly TimeSpan refreshInterval;
    private readonly TimeSpan flushDelay;
    private readonly List<Answer> answers = [];
    private MailboxLedgerState? cached;
    private string? etag;
    private DateTimeOffset confirmedAt = DateTimeOffset.MinValue;
    private long pausedUntilTicks;
    private int reserved;
    private bool flushScheduled;
    private bool disposed;

    /// <summary>
    /// Creates the ledger of <paramref name="mailbox"/> in <paramref name="store"/>; nothing is read until it is used. Answers
    /// not carried by another write are written <paramref name="flushDelay"/> after the first of them (default: a twentieth
    /// of the message window, 20 ms to 1 s).
    /// </summary>
    public MailboxLedger(string mailbox, IMailboxLedgerStore store, MailboxPace pace, TimeProvider clock, ILogger logger, TimeSpan? flushDelay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        ArgumentNullException.ThrowIfNull(pace);
        this.Mailbox = mailbox;
        this.store = store;
        this.Pace = pace;
        this.clock = clock;
        this.logger = logger;
        this.refreshInterval = TimeSpan.FromTicks(Math.Clamp(pace.MessageWindow.Ticks / 10, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(5).Ticks));
        this.flushDelay = flushDelay ?? TimeSpan.FromTicks(Math.Clamp(pace.MessageWindow.Ticks / 20, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(1).Ticks));
    }

    /// <summary>The mailbox.</summary>
    public string Mailbox { get; }

    /// <summary>Its pace.</summary>
    public MailboxPace Pace { get; }

    /// <summary>The pause as this host last saw the ledger (no round trip).</summary>
    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref this.pausedUntilTicks), TimeSpan.Zero);

    /// <summary>A new random claim id.</summary>
    public static string NewClaimId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>
    /// Promises <paramref name="recipients"/> of the budget to a send about to be prepared in this mailbox (this host only,
    /// nothing written), if the budget has room besides the other promises; else says when it will have room.
    /// </summary>
    public Task<(bool Granted, DateTimeOffset Until)> TryReserveAsync(int recipients, CancellationToken cancellationToken) => this.UpdateAsync<(bool Granted, DateTimeOffset Until)>(
        (state, now) =>
        {
            var free = state.BudgetFreeAt(recipients, Volatile.Read(ref this.reserved), now, this.Pace);
            return (false, (free <= now, free), free <= now);
        },
        result =>
        {
            if (result.Granted)
            {
                Interlocked.Add(ref this.reserved, recipients);
            }
        },
        cancellationToken);

    /// <summary>Gives back recipients promised by <see cref="TryReserveAsync"/>.</summary>
    public void ReleaseReserved(int recipients) => Interlocked.Add(ref this.reserved, -recipients);

    /// <summary>
    /// Claims a place for a send (claim <paramref name="id"/>): written when claimed; otherwise the verdict says why not and
    /// until when. The reservation made for this send, if any, is given back once the claim decides (claimed or over budget).
    /// </summary>
    public Task<MailboxClaimVerdict> TryClaimAsync(string id, int recipients, MailboxReservation? reservation, CancellationToken cancellationToken) => this.UpdateAsync(
        (state, now) =>
        {
            int elsewhere = Volatile.Read(ref this.reserved) - (reservation is { IsHeld: true } ? reservation.Recipients : 0);
            var verdict = state.TryClaim(id, recipients, elsewhere, now, this.Pace);
            if (verdict.Outcome == MailboxClaimOutcome.WindowFull && state.HasClaimsOtherThan(this.own) && verdict.At > now + this.refreshInterval)
            {
                // Another host's claims hold places until it writes their answers: look again soon rather than at their expiry.
                verdict = verdict with { At = now + this.refreshInterval };
            }

            return (verdict.Outcome == MailboxClaimOutcome.Claimed, verdict, verdict.Outcome == MailboxClaimOutcome.Claimed);
        },
        verdict =>
        {
            if (verdict.Outcome == MailboxClaimOutcome.Claimed)
            {
                this.own.Add(id);
            }

            if (verdict.Outcome is MailboxClaimOutcome.Claimed or MailboxClaimOutcome.OverBudget)
            {
                reservation?.Release();
            }
        },
        cancellationToken);

    /// <summary>Extends the claim by a claim lifetime from now; false when it is gone (it expired and counts as sent).</summary>
    public Task<bool> RenewAsync(string id, CancellationToken cancellationToken) => this.UpdateAsync(
        (state, now) =>
        {
            bool renewed = state.Renew(id, now + this.Pace.ClaimLifetime);
            return (renewed, renewed, true);
        },
        null,
        cancellationToken);

    /// <summary>
    /// Ends the claim now: a stamp if the request may have reached the server, its recipients unless the server refused it.
    /// Written with the next write, or by <see cref="FlushAsync"/> soon after. Never throws: an answer that is never written
    /// leaves its claim, which counts as sent at its expiry.
    /// </summary>
    public async Task CompleteAsync(string id, bool stamp, bool countRecipients)
    {
        try
        {
            await this.gate.WaitAsync();
        }
        catch (ObjectDisposedException)
        {
            return; // the host is stopping: the claim counts as sent at its expiry
        }

        try
        {
            this.answers.Add(new Answer(id, this.clock.GetUtcNow(), stamp, countRecipients));
            this.own.Remove(id);
            if (!this.flushScheduled && !this.disposed)
            {
                this.flushScheduled = true;
                _ = this.FlushLaterAsync();
            }
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <summary>Writes the answers not written yet, if any. Never throws (they stay for the next write).</summary>
    public async Task FlushAsync()
    {
        try
        {
            await this.UpdateAsync((_, _) => (this.answers.Count > 0, true, true), null, CancellationToken.None);
        }
        catch (ObjectDisposedException) when (this.disposed)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.LogNotRecorded(this.Mailbox, ex.Message);
        }
    }

    /// <summary>
    /// Pauses the mailbox for every host until <paramref name="until"/>. Never throws: when the ledger cannot be written the
    /// pause holds in this host only (the others get their own Retry-After).
    /// </summary>
    public async Task PauseAsync(DateTimeOffset until)
    {
        try
        {
            await this.UpdateAsync(
                (state, _) =>
                {
                    bool paused = state.Pause(until);
                    return (paused, paused, true);
                },
                null,
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            this.LogPauseNotRecorded(this.Mailbox, ex.Message);
        }
    }

    /// <summary>Writes the answers not written yet (a host stopping gracefully), then disposes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!this.disposed)
        {
            await this.FlushAsync();
            this.Dispose();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        this.gate.Dispose();
    }

    /// <summary>
    /// Applies <paramref name="apply"/> to a copy of the cached state (read first when there is none) with the answers not
    /// written yet, pruned. When it asks to write, writes with the cached ETag (the answers with it); on a conflict re-reads
    /// and applies again. When it does not write and its answer is not settled (e.g. "wait"), a cache older than the refresh
    /// interval is re-read and the answer asked again. <paramref name="committed"/> runs, still inside the gate, with the
    /// final answer.
    /// </summary>
    private async Task<T> UpdateAsync<T>(
        Func<MailboxLedgerState, DateTimeOffset, (bool Write, T Result, bool Settled)> apply, Action<T>? committed, CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(this.disposed, this);
            bool fresh = false;
            if (this.cached is null)
            {
                await this.LoadAsync(cancellationToken);
                fresh = true;
            }

            while (true)
            {
                var now = this.clock.GetUtcNow();
                var next = this.cached!.Clone();
                foreach (var answer in this.answers)
                {
                    next.Complete(answer.Id, answer.At, answer.Stamp, answer.CountRecipients, this.Pace);
                }

                next.Prune(now, this.Pace);
                var (write, result, settled) = apply(next, now);
                if (!write)
                {
                    if (!settled && !fresh && now - this.confirmedAt >= this.refreshInterval)
                    {
                        await this.LoadAsync(cancellationToken);
                        fresh = true;
                        continue;
                    }

                    committed?.Invoke(result);
                    return result;
                }

                string? written = await this.store.TryWriteAsync(this.Mailbox, BinaryData.FromObjectAsJson(next, Json), this.etag, cancellationToken);
                if (written is null)
                {
                    this.LogConflict(this.Mailbox);
                    await this.LoadAsync(cancellationToken);
                    fresh = true;
                    continue;
                }

                this.Cache(next, written, now);
                this.answers.Clear();
                committed?.Invoke(result);
                return result;
            }
        }
        finally
        {
            this.gate.Release();
        }
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(this.flushDelay, this.clock);
            await this.gate.WaitAsync();
            try
            {
                this.flushScheduled = false;
                if (this.disposed || this.answers.Count == 0)
                {
                    return;
                }
            }
            finally
            {
                this.gate.Release();
            }

            await this.FlushAsync();
        }
        catch (ObjectDisposedException) when (this.disposed)
        {
            // Stopped meanwhile; DisposeAsync wrote the answers, Dispose leaves them to expire.
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = this.clock.GetUtcNow();
        var blob = await this.store.ReadAsync(this.Mailbox, cancellationToken);
        MailboxLedgerState state;
        try
        {
            state = blob?.Content.ToObjectFromJson<MailboxLedgerState>(Json) ?? new MailboxLedgerState();
        }
        catch (JsonException ex)
        {
            // Unreadable: start afresh, replacing it (its ETag is kept for the write). Pacing errs for one window at most.
            this.LogUnreadable(this.Mailbox, ex.Message);
            state = new MailboxLedgerState();
        }

        this.Cache(state, blob?.ETag, now);
    }

    private void Cache(MailboxLedgerState state, string? version, DateTimeOffset confirmed)
    {
        this.cached = state;
        this.etag = version;
        this.confirmedAt = confirmed;
        Interlocked.Exchange(ref this.pausedUntilTicks, (state.PausedUntil ?? DateTimeOffset.MinValue).UtcTicks);
    }

    /// <summary>A send's answer not written yet.</summary>
    private readonly record struct Answer(string Id, DateTimeOffset At, bool Stamp, bool CountRecipients);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The pacing ledger of {Mailbox} was changed by another host; read it again")]
    private partial void LogConflict(string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A send's answer could not be recorded in the pacing ledger of {Mailbox}; its claim counts as sent at its expiry: {Reason}")]
    private partial void LogNotRecorded(string mailbox, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pause of {Mailbox} could not be recorded in its pacing ledger; it holds in this host only: {Reason}")]
    private partial void LogPauseNotRecorded(string mailbox, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The pacing ledger of {Mailbox} is unreadable and is started afresh: {Reason}")]
    private partial void LogUnreadable(string mailbox, string reason);
}
