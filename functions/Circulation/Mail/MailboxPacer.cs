using Microsoft.Extensions.Logging;
using Microsoft.Kiota.Abstractions;

namespace Circulation.Mail;

/// <summary>
/// Paces one sending mailbox for every letter and every kind of mail at once, across every host, through the mailbox's
/// durable ledger (<see cref="MailboxLedger"/>, a blob in the work container):
/// <list type="bullet">
/// <item>at most <see cref="GraphOptions.MessagesPerWindow"/> sends per sliding <see cref="GraphOptions.MessageWindow"/>: a
/// send claims its place in the ledger before its request goes out, and is stamped when its answer arrives (never earlier
/// than the server counted it, so the server's own window never sees one too many); a claim left by a host that crashed
/// counts as sent at its expiry;</item>
/// <item>at most <see cref="GraphOptions.RecipientsPerDay"/> recipients per rolling <see cref="GraphOptions.RecipientWindow"/>:
/// a send over the budget throws <see cref="MailboxBudgetExhaustedException"/>;</item>
/// <item>a Retry-After from Graph pauses the mailbox, in the ledger, for every host.</item>
/// </list>
/// Graph requests in progress (<see cref="GraphOptions.ConcurrentRequests"/>) are limited in this process only: across hosts
/// they are bounded by the message pace (each send is a few requests) and by Graph's own 429 MailboxConcurrency answers,
/// which are retried after their Retry-After. With <see cref="GraphOptions.MessagesPerWindow"/> 0 the mailbox is unpaced:
/// no ledger (no window, no budget, no round trips), a Retry-After pauses this process only.
/// </summary>
internal sealed class MailboxPacer : IDisposable, IAsyncDisposable
{
    /// <summary>A claim needs this much life beyond the request timeout when its request goes out, or it is renewed first.</summary>
    private static readonly TimeSpan RenewMargin = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim requests;
    private readonly MailboxLedger? ledger;
    private readonly TimeSpan requestTimeout;
    private readonly TimeProvider clock;
    private long pausedUntilTicks;

    /// <summary>Creates the pacer of <paramref name="mailbox"/>, with its ledger in <paramref name="store"/> unless unpaced.</summary>
    public MailboxPacer(string mailbox, GraphOptions options, IMailboxLedgerStore store, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.Mailbox = mailbox;
        this.requests = new SemaphoreSlim(options.ConcurrentRequests, options.ConcurrentRequests);
        this.requestTimeout = options.RequestTimeout;
        this.clock = clock;
        this.ledger = options.MessagesPerWindow > 0 ? new MailboxLedger(mailbox, store, MailboxPace.From(options), clock, logger) : null;
    }

    /// <summary>The mailbox.</summary>
    public string Mailbox { get; }

    /// <summary>Runs one Graph request once the mailbox is not paused (as this host last saw the ledger) and a request slot is free.</summary>
    public async Task<T> RequestAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await this.WaitUnpausedAsync(cancellationToken);
        await this.requests.WaitAsync(cancellationToken);
        try
        {
            return await request();
        }
        finally
        {
            this.requests.Release();
        }
    }

    /// <summary>
    /// Asks whether the budget has room for a message of <paramref name="recipients"/> recipients, before its draft is made
    /// here; a granted answer holds that room in this host until the send claims it or the answer is disposed.
    /// </summary>
    public async Task<MailboxReservation> ReserveAsync(int recipients, CancellationToken cancellationToken)
    {
        if (this.ledger is not { Pace.HasBudget: true })
        {
            return new MailboxReservation(null, this.Mailbox, recipients, granted: true, this.clock.GetUtcNow());
        }

        var (granted, until) = await this.ledger.TryReserveAsync(recipients, cancellationToken);
        return new MailboxReservation(this.ledger, this.Mailbox, recipients, granted, until);
    }

    /// <summary>
    /// Runs a send of a message of <paramref name="recipients"/> recipients: claims its place in the ledger (waiting while
    /// the window is full or the mailbox paused; throwing <see cref="MailboxBudgetExhaustedException"/> when the budget has no
    /// room), then takes a request slot, sends, and records the answer.
    /// </summary>
    public async Task<T> SendAsync<T>(Func<Task<T>> send, int recipients, MailboxReservation? reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (this.ledger is null)
        {
            reservation?.Release();
            return await this.RequestAsync(send, cancellationToken);
        }

        try
        {
            while (true)
            {
                // A new id for every claim: the answer to a lapsed one is still to be written and must not end the next.
                string id = MailboxLedger.NewClaimId();
                var expires = await this.ClaimAsync(id, recipients, reservation, cancellationToken);
                bool reached = false;
                bool refused = false;
                try
                {
                    await this.WaitUnpausedAsync(cancellationToken);
                    await this.requests.WaitAsync(cancellationToken);
                    try
                    {
                        // The claim must outlive the request, or another host could count it sent before it was.
                        if (expires - this.clock.GetUtcNow() < this.requestTimeout + RenewMargin && !await this.ledger.RenewAsync(id, cancellationToken))
                        {
                            continue;
                        }

                        reached = true;
                        return await send();
                    }
                    catch (ApiException ex) when (ex.ResponseStatusCode is >= 400 and < 500 and not 408)
                    {
                        // Answered and not carried out (refused, throttled): its recipients do not count; its stamp still does.
                        refused = true;
                        throw;
                    }
                    finally
                    {
                        this.requests.Release();
                    }
                }
                finally
                {
                    await this.ledger.CompleteAsync(id, stamp: reached, countRecipients: reached && !refused);
                }
            }
        }
        finally
        {
            reservation?.Release();
        }
    }

    /// <summary>
    /// Holds every request to this mailbox, from every host, until <paramref name="delay"/> has passed (Graph's Retry-After).
    /// Never throws: in this host the pause holds even when the ledger cannot be written.
    /// </summary>
    public async Task PauseAsync(TimeSpan delay)
    {
        var until = this.clock.GetUtcNow() + delay;
        long ticks = until.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref this.pausedUntilTicks)) < ticks && Interlocked.CompareExchange(ref this.pausedUntilTicks, ticks, seen) != seen)
        {
        }

        if (this.ledger is not null)
        {
            await this.ledger.PauseAsync(until);
        }
    }

    /// <summary>Writes the answers the ledger has not written yet, then disposes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (this.ledger is not null)
        {
            await this.ledger.DisposeAsync();
        }

        this.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.requests.Dispose();
        this.ledger?.Dispose();
    }

    private async Task<DateTimeOffset> ClaimAsync(string id, int recipients, MailboxReservation? reservation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var verdict = await this.ledger!.TryClaimAsync(id, recipients, reservation, cancellationToken);
            switch (verdict.Outcome)
            {
                case MailboxClaimOutcome.Claimed:
                    return verdict.At;
                case MailboxClaimOutcome.OverBudget:
                    throw new MailboxBudgetExhaustedException([this.Mailbox], verdict.At, this.ledger.Pace.RecipientsPerWindow, this.ledger.Pace.RecipientWindow);
                default:
                    await this.DelayUntilAsync(verdict.At, cancellationToken);
                    break;
            }
        }
    }

    private async Task WaitUnpausedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var until = new DateTimeOffset(Math.Max(Interlocked.Read(ref this.pausedUntilTicks), (this.ledger?.PausedUntil ?? DateTimeOffset.MinValue).UtcTicks), TimeSpan.Zero);
            if (until <= this.clock.GetUtcNow())
            {
                return;
            }

            await this.DelayUntilAsync(until, cancellationToken);
        }
    }

    private Task DelayUntilAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var wait = until - this.clock.GetUtcNow();
        return Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, this.clock, cancellationToken);
    }
}
