using Circulation.Mail;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>
/// The pacing ledger's pure logic, given the time: the sliding message window (stamps and claims in flight), expired claims
/// counted as sent at their expiry, the pause, and the recipient budget in coarse buckets.
/// </summary>
public sealed class MailboxLedgerStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>3 messages per 10 s, 5 recipients per 100 minutes (buckets of 1 minute), claims live 30 s.</summary>
    private static readonly MailboxPace Pace = new(3, TimeSpan.FromSeconds(10), 5, TimeSpan.FromMinutes(100), TimeSpan.FromSeconds(30));

    [Fact]
    public void TryClaim_WindowHasRoom_AddsAClaimThatExpiresOneLifetimeLater()
    {
        var state = new MailboxLedgerState();

        var verdict = state.TryClaim("a", 1, 0, T0, Pace);

        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.Claimed, T0 + Pace.ClaimLifetime), verdict);
        Assert.Equal("a", Assert.Single(state.Claims).Id);
    }

    [Fact]
    public void TryClaim_WindowFullOfStamps_WaitsUntilTheOldestStampLeavesTheWindow()
    {
        var state = Stamped(T0, T0.AddSeconds(1), T0.AddSeconds(2));

        var verdict = state.TryClaim("d", 1, 0, T0.AddSeconds(3), Pace);

        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(10)), verdict);
        Assert.Empty(state.Claims);
    }

    [Fact]
    public void TryClaim_ClaimsInFlight_CountAgainstTheWindowAndFreeNoPlaceBeforeAWindowAfterTheirAnswer()
    {
        var state = Stamped(T0);
        state.TryClaim("b", 1, 0, T0.AddSeconds(1), Pace);
        state.TryClaim("c", 1, 0, T0.AddSeconds(1), Pace);

        var behindAStamp = state.TryClaim("d", 1, 0, T0.AddSeconds(2), Pace);
        var onlyClaims = state.TryClaim("d", 1, 0, T0.AddSeconds(11), Pace);
        var allClaims = state.TryClaim("f", 1, 0, T0.AddSeconds(12), Pace);

        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(10)), behindAStamp);
        Assert.Equal(MailboxClaimOutcome.Claimed, onlyClaims.Outcome);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, T0.AddSeconds(22)), allClaims);
    }

    [Fact]
    public void Prune_StampsOlderThanTheWindow_AreDroppedAndTheirPlacesFree()
    {
        var state = Stamped(T0, T0.AddSeconds(5), T0.AddSeconds(9));

        state.Prune(T0.AddSeconds(10), Pace);

        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(9)], state.Sent);
        Assert.Equal(MailboxClaimOutcome.Claimed, state.TryClaim("d", 1, 0, T0.AddSeconds(10), Pace).Outcome);
    }

    [Fact]
    public void Prune_ClaimLeftByACrashedHost_CountsAsSentAtItsExpiryWithItsRecipients()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("crashed", 2, 0, T0, Pace);
        var expiry = T0 + Pace.ClaimLifetime;

        state.Prune(expiry.AddSeconds(1), Pace);

        Assert.Empty(state.Claims);
        Assert.Equal([expiry], state.Sent);
        var bucket = Assert.Single(state.Buckets);
        Assert.Equal(2, bucket.Recipients);
        Assert.True(bucket.End >= expiry);
        Assert.Equal(2, state.RecipientsCounted);
    }

    [Fact]
    public void Complete_Answered_StampsAtTheAnswerAndCountsTheRecipientsInTheAnswersBucket()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("a", 2, 0, T0, Pace);

        bool completed = state.Complete("a", T0.AddSeconds(1.5), stamp: true, countRecipients: true, Pace);

        Assert.True(completed);
        Assert.Empty(state.Claims);
        Assert.Equal([T0.AddSeconds(1.5)], state.Sent);
        var bucket = Assert.Single(state.Buckets);
        Assert.Equal((T0.AddMinutes(1), 2), (bucket.End, bucket.Recipients));
    }

    [Theory]
    [InlineData(true, 1)] // refused by the server: its stamp stays, its recipients do not count
    [InlineData(false, 0)] // never sent (cancelled before the request): nothing stays
    public void Complete_RefusedOrNeverSent_CountsNoRecipients(bool stamp, int stamps)
    {
        var state = new MailboxLedgerState();
        state.TryClaim("a", 1, 0, T0, Pace);

        state.Complete("a", T0.AddSeconds(1), stamp, countRecipients: false, Pace);

        Assert.Equal(stamps, state.Sent.Count);
        Assert.Empty(state.Claims);
        Assert.Empty(state.Buckets);
        Assert.Equal(0, state.RecipientsCounted);
    }

    [Fact]
    public void Complete_ClaimAlreadyExpired_ChangesNothing()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("a", 1, 0, T0, Pace);
        state.Prune(T0 + Pace.ClaimLifetime, Pace);

        bool completed = state.Complete("a", T0 + Pace.ClaimLifetime, stamp: true, countRecipients: true, Pace);

        Assert.False(completed);
        Assert.Single(state.Sent);
        Assert.Equal(1, state.RecipientsCounted);
    }

    [Fact]
    public void Buckets_ManySendsOverTheWindow_StayOnePerHundredthOfTheWindow()
    {
        var state = new MailboxLedgerState();
        var pace = Pace with { MessagesPerWindow = 100_000, RecipientsPerWindow = 1_000_000 };
        for (int i = 0; i < 3000; i++)
        {
            var at = T0.AddSeconds(i * 2.5);
            state.TryClaim($"m{i}", 1, 0, at, pace);
            state.Complete($"m{i}", at, stamp: true, countRecipients: true, pace);
        }

        state.Prune(T0.AddSeconds(3000 * 2.5), pace);

        Assert.InRange(state.Buckets.Count, 100, 101);
        Assert.Equal(state.Buckets.OrderBy(b => b.End).Select(b => b.End), state.Buckets.Select(b => b.End));
        Assert.InRange(state.RecipientsCounted, 2400, 2424);
    }

    [Fact]
    public void BudgetFreeAt_BudgetFull_IsWhenEnoughBucketsHaveLeftTheWindow()
    {
        var state = new MailboxLedgerState();
        Send(state, "a", 3, T0.AddSeconds(20));
        Send(state, "b", 2, T0.AddMinutes(10).AddSeconds(20));
        var now = T0.AddMinutes(20);

        Assert.Equal(T0.AddMinutes(1) + Pace.RecipientWindow, state.BudgetFreeAt(1, 0, now, Pace));
        Assert.Equal(T0.AddMinutes(1) + Pace.RecipientWindow, state.BudgetFreeAt(3, 0, now, Pace));
        Assert.Equal(T0.AddMinutes(11) + Pace.RecipientWindow, state.BudgetFreeAt(4, 0, now, Pace));
        var later = T0.AddMinutes(1) + Pace.RecipientWindow;
        state.Prune(later, Pace);
        Assert.Equal(later, state.BudgetFreeAt(3, 0, later, Pace));
    }

    [Fact]
    public void TryClaim_OverTheBudget_IsRefusedWithWhenTheBudgetHasRoomAndNothingIsClaimed()
    {
        var state = new MailboxLedgerState();
        Send(state, "a", 4, T0);

        var fits = state.BudgetFreeAt(1, 0, T0.AddSeconds(20), Pace);
        var verdict = state.TryClaim("b", 1, reservedElsewhere: 1, T0.AddSeconds(20), Pace);

        Assert.Equal(T0.AddSeconds(20), fits);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.OverBudget, T0.AddMinutes(1) + Pace.RecipientWindow), verdict);
        Assert.Empty(state.Claims);
    }

    [Fact]
    public void TryClaim_ClaimsInFlight_CountAgainstTheBudget()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("a", 5, 0, T0, Pace);

        var verdict = state.TryClaim("b", 1, 0, T0.AddSeconds(1), Pace);

        Assert.Equal(MailboxClaimOutcome.OverBudget, verdict.Outcome);
        Assert.Equal(MailboxLedgerState.BucketEnd(T0 + Pace.ClaimLifetime, Pace) + Pace.RecipientWindow, verdict.At);
    }

    [Fact]
    public void TryClaim_NoBudget_NeverRefusesForRecipients()
    {
        var state = new MailboxLedgerState();
        var unbudgeted = Pace with { RecipientsPerWindow = 0 };
        Send(state, "a", 50, T0, unbudgeted);

        Assert.Equal(MailboxClaimOutcome.Claimed, state.TryClaim("b", 50, 0, T0.AddSeconds(1), unbudgeted).Outcome);
        Assert.Empty(state.Buckets);
    }

    [Fact]
    public void Pause_WhilePaused_ClaimsWaitUntilItsEndAndAShorterPauseDoesNotShortenIt()
    {
        var state = new MailboxLedgerState();

        bool first = state.Pause(T0.AddSeconds(5));
        bool shorter = state.Pause(T0.AddSeconds(2));
        var paused = state.TryClaim("a", 1, 0, T0.AddSeconds(1), Pace);
        var after = state.TryClaim("a", 1, 0, T0.AddSeconds(5), Pace);

        Assert.True(first);
        Assert.False(shorter);
        Assert.Equal(new MailboxClaimVerdict(MailboxClaimOutcome.Paused, T0.AddSeconds(5)), paused);
        Assert.Equal(MailboxClaimOutcome.Claimed, after.Outcome);
        Assert.Null(state.PausedUntil);
    }

    [Fact]
    public void Clone_ChangedCopy_LeavesTheOriginalAsItWas()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("a", 1, 0, T0, Pace);

        var copy = state.Clone();
        copy.Complete("a", T0.AddSeconds(1), stamp: true, countRecipients: true, Pace);
        copy.Pause(T0.AddSeconds(9));

        Assert.Single(state.Claims);
        Assert.Empty(state.Sent);
        Assert.Empty(state.Buckets);
        Assert.Null(state.PausedUntil);
    }

    [Fact]
    public void HasClaimsOtherThan_AnotherHostsClaim_IsTrue()
    {
        var state = new MailboxLedgerState();
        state.TryClaim("mine", 1, 0, T0, Pace);

        Assert.False(state.HasClaimsOtherThan(new HashSet<string> { "mine" }));
        state.TryClaim("theirs", 1, 0, T0, Pace);
        Assert.True(state.HasClaimsOtherThan(new HashSet<string> { "mine" }));
    }

    private static MailboxLedgerState Stamped(params DateTimeOffset[] at)
    {
        var state = new MailboxLedgerState();
        state.Sent.AddRange(at);
        return state;
    }

    private static void Send(MailboxLedgerState state, string id, int recipients, DateTimeOffset at, MailboxPace? pace = null)
    {
        Assert.Equal(MailboxClaimOutcome.Claimed, state.TryClaim(id, recipients, 0, at, pace ?? Pace).Outcome);
        Assert.True(state.Complete(id, at, stamp: true, countRecipients: true, pace ?? Pace));
    }
}
