using Circulation.Mail;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>
/// A mailbox's ledger over a store with the blob store's optimistic concurrency: the cache (one host needs no reads), answers
/// riding on the next write, a conflict with another host (re-read, then its sends count), a stale "wait" checked against a
/// fresh read, claims a crashed host left, a pause shared by every host, and the budget promised to sends in preparation.
/// Answers are written only when the test says (<see cref="MailboxLedger.FlushAsync"/>) or with another write.
/// </summary>
public sealed class MailboxLedgerTests
{
    private const string Mailbox = "pga.circulation@un.example";
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>3 messages per 10 s (refresh after 1 s), 5 recipients per 100 minutes, claims live 60 s.</summary>
    private static readonly MailboxPace Pace = new(3, TimeSpan.FromSeconds(10), 5, TimeSpan.FromMinutes(100), TimeSpan.FromSeconds(60));

    private readonly InMemoryMailboxLedgerStore store = new();
    private readonly ManualTimeProvider clock = new(T0);

    [Fact]
    public async Task ClaimAndComplete_OneHost_ReadsOnceAndEachAnswerRidesOnTheNextClaimsWrite()
    {
        using var ledger = this.Ledger();

        for (int i = 0; i < 6; i++)
        {
            string id = $"m{i}";
            Assert.Equal(MailboxClaimOutcome.Claimed, (await ledger.TryClaimAsync(id, 1, null, CancellationToken.None)).Outcome);
            await ledger.CompleteAsync(id, stamp: true, countRecipients: false);
            this.clock.Advance(TimeSpan.FromSeconds(4));
        }

        int writesBeforeFlush = this.store.Writes;
        await ledger.FlushAsync();

        Assert.Equal((1, 6, 7, 0), (this.store.Reads, writesBeforeFlush, this.store.Writes, this.store.Conflicts));
        string json = this.store.Content(Mailbox)!;
        Assert.DoesNotContain("\"id\"", json, StringComparison.Ordinal);
        Assert.InRange(json.Length, 1, 400);
    }

    [Fact]
    public async Task TryClaim_AnswerNotWrittenYet_IsAStampForThisHostAndAClaimInFlightForAnotherUntilFlushed()
    {
        using var first = this.Ledger();
        using var second = this.Ledger();
        await ClaimAsync(first, "f", 3, answer: true);

        var mine = await first.TryClaimAsync("f3", 1, null, CancellationToken.None);
        var theirs = await second.TryClaimAsync("s0", 1, null, CancellationToken.None);
        await first.FlushAsync();
        this.clock.Advance(TimeSpan.FromSeconds(2));
        var theirsAfterTheFlush = await second.TryClaimAsync("s0", 1, null, CancellationToken.None);

        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(10)), mine);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(1)), theirs);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(10)), theirsAfterTheFlush);
    }

    [Fact]
    public async Task TryClaim_AnotherHostClaimedSinceTheCacheWasRead_ConflictsRereadsAndCountsItsClaims()
    {
        using var first = this.Ledger();
        using var second = this.Ledger();
        await second.TryClaimAsync("s0", 1, null, CancellationToken.None);
        await ClaimAsync(first, "f", 2);

        var verdict = await second.TryClaimAsync("s1", 1, null, CancellationToken.None);

        Assert.Equal(MailboxClaimOutcome.WindowFull, verdict.Outcome);
        Assert.Equal(1, this.store.Conflicts);
    }

    [Fact]
    public async Task TryClaim_WaitVerdictOnACacheOlderThanTheRefreshInterval_IsCheckedAgainstAFreshRead()
    {
        using var first = this.Ledger();
        using var second = this.Ledger();
        await ClaimAsync(first, "f", 3);

        var full = await second.TryClaimAsync("s", 1, null, CancellationToken.None);
        for (int i = 0; i < 3; i++)
        {
            await first.CompleteAsync($"f{i}", stamp: true, countRecipients: true);
        }

        await first.FlushAsync();
        this.clock.Advance(TimeSpan.FromSeconds(11));
        int reads = this.store.Reads;
        var claimed = await second.TryClaimAsync("s", 1, null, CancellationToken.None);

        // The other host's claims in flight hold places until it writes their answers: look again after the refresh interval.
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(1)), full);
        Assert.Equal(MailboxClaimOutcome.Claimed, claimed.Outcome);
        Assert.Equal(reads + 1, this.store.Reads);
    }

    [Fact]
    public async Task TryClaim_AfterARestart_ClaimsLeftByTheCrashedHostCountAsSentAtTheirExpiry()
    {
        using (var crashed = this.Ledger())
        {
            await ClaimAsync(crashed, "c", 3);
        }

        using var restarted = this.Ledger();
        var during = await restarted.TryClaimAsync("r", 1, null, CancellationToken.None);
        this.clock.Advance(Pace.ClaimLifetime);
        var atExpiry = await restarted.TryClaimAsync("r", 1, null, CancellationToken.None);
        this.clock.Advance(Pace.MessageWindow);
        var after = await restarted.TryClaimAsync("r", 1, null, CancellationToken.None);

        Assert.Equal(MailboxClaimOutcome.WindowFull, during.Outcome);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0 + Pace.ClaimLifetime + Pace.MessageWindow), atExpiry);
        Assert.Equal(MailboxClaimOutcome.Claimed, after.Outcome);
    }

    [Fact]
    public async Task PauseAsync_OneHostGetsRetryAfter_TheOtherHostsClaimWaitsForThePause()
    {
        using var first = this.Ledger();
        using var second = this.Ledger();
        await second.TryClaimAsync("s0", 1, null, CancellationToken.None);

        await first.PauseAsync(T0.AddSeconds(4));
        var verdict = await second.TryClaimAsync("s1", 1, null, CancellationToken.None);

        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.Paused, T0.AddSeconds(4)), verdict);
        Assert.Equal(T0.AddSeconds(4), second.PausedUntil);
    }

    [Fact]
    public async Task TryReserveAsync_BudgetPromisedToSendsInPreparation_RefusesBeyondItAndGivesBackOnRelease()
    {
        using var ledger = this.Ledger();
        await ledger.TryClaimAsync("sent", 3, null, CancellationToken.None);
        await ledger.CompleteAsync("sent", stamp: true, countRecipients: true);

        var first = await ledger.TryReserveAsync(1, CancellationToken.None);
        var second = await ledger.TryReserveAsync(1, CancellationToken.None);
        var third = await ledger.TryReserveAsync(1, CancellationToken.None);
        ledger.ReleaseReserved(1);
        var again = await ledger.TryReserveAsync(1, CancellationToken.None);

        Assert.True(first.Granted && second.Granted);
        Assert.False(third.Granted);
        Assert.Equal(T0.AddMinutes(1) + Pace.RecipientWindow, third.Until);
        Assert.True(again.Granted);
    }

    [Fact]
    public async Task TryClaimAsync_WithItsReservation_CountsItOnceAndReleasesItWhenClaimed()
    {
        using var ledger = this.Ledger();
        var granted = await ledger.TryReserveAsync(5, CancellationToken.None);
        using var reservation = new MailboxReservation(ledger, Mailbox, 5, granted.Granted, granted.Until);

        var claimed = await ledger.TryClaimAsync("a", 5, reservation, CancellationToken.None);
        var next = await ledger.TryReserveAsync(1, CancellationToken.None);

        Assert.Equal(MailboxClaimOutcome.Claimed, claimed.Outcome);
        Assert.False(reservation.IsHeld);
        Assert.False(next.Granted);
    }

    [Fact]
    public async Task TryClaim_UnreadableLedger_StartsAfreshAndReplacesIt()
    {
        this.store.Overwrite(Mailbox, "not json");
        using var ledger = this.Ledger();

        var verdict = await ledger.TryClaimAsync("a", 1, null, CancellationToken.None);

        Assert.Equal(MailboxClaimOutcome.Claimed, verdict.Outcome);
        Assert.Contains("\"claims\"", this.store.Content(Mailbox), StringComparison.Ordinal);
    }

    /// <summary>Claims <paramref name="count"/> sends of one recipient ("{prefix}0", …), answering each when asked.</summary>
    private static async Task ClaimAsync(MailboxLedger ledger, string prefix, int count, bool answer = false)
    {
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(MailboxClaimOutcome.Claimed, (await ledger.TryClaimAsync($"{prefix}{i}", 1, null, CancellationToken.None)).Outcome);
            if (answer)
            {
                await ledger.CompleteAsync($"{prefix}{i}", stamp: true, countRecipients: true);
            }
        }
    }

    private MailboxLedger Ledger() => new(Mailbox, this.store, Pace, this.clock, NullLogger.Instance, flushDelay: TimeSpan.FromHours(1));
}
