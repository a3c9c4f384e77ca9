namespace Circulation.Mail;

/// <summary>
/// The pacing state of one sending mailbox, as stored in its ledger blob and shared by every host: the pause (Graph's
/// Retry-After), the send stamps inside the message window, the sends in flight (claims), and the recipients counted over
/// the budget window in coarse buckets. Pure logic: every operation is given the time, so it is tested without storage.
/// Every count errs on the safe side: a stamp is never earlier than the server counted the send, a bucket and an expired
/// claim leave the budget window no earlier than their sends leave the server's.
/// </summary>
internal sealed class MailboxLedgerState
{
    /// <summary>The blob format's version.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Every host holds this mailbox's requests until then; null when not paused.</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>When each send inside the message window was answered, oldest first.</summary>
    public List<DateTimeOffset> Sent { get; set; } = [];

    /// <summary>Sends in flight.</summary>
    public List<MailboxSendClaim> Claims { get; set; } = [];

    /// <summary>Recipients counted inside the budget window, oldest bucket first.</summary>
    public List<MailboxRecipientBucket> Buckets { get; set; } = [];

    /// <summary>Recipients that count against the budget now: the buckets' and the claims'.</summary>
    public int RecipientsCounted => this.Buckets.Sum(b => b.Recipients) + this.Claims.Sum(c => c.Recipients);

    /// <summary>The end of the budget bucket that <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset BucketEnd(DateTimeOffset at, MailboxPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        long width = pace.BucketWidth.Ticks;
        return new DateTimeOffset((at.UtcTicks / width + 1) * width, TimeSpan.Zero);
    }

    /// <summary>A deep copy, to change without touching the cached state until the write succeeded.</summary>
    public MailboxLedgerState Clone() => new()
    {
        Version = this.Version,
        PausedUntil = this.PausedUntil,
        Sent = [.. this.Sent],
        Claims = [.. this.Claims.Select(c => new MailboxSendClaim { Id = c.Id, Expires = c.Expires, Recipients = c.Recipients })],
        Buckets = [.. this.Buckets.Select(b => new MailboxRecipientBucket { End = b.End, Recipients = b.Recipients })],
    };

    /// <summary>
    /// Drops what no longer counts at <paramref name="now"/>: an expired claim becomes a send stamped at its expiry (its
    /// recipients counted there), stamps older than the message window, buckets out of the budget window, a past pause.
    /// </summary>
    public void Prune(DateTimeOffset now, MailboxPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        foreach (var expired in this.Claims.Where(c => c.Expires <= now).ToList())
        {
            this.Claims.Remove(expired);
            this.Stamp(expired.Expires);
            this.CountRecipients(expired.Expires, expired.Recipients, pace);
        }

        int old = this.Sent.FindIndex(s => s > now - pace.MessageWindow);
        this.Sent.RemoveRange(0, old < 0 ? this.Sent.Count : old);
        this.Buckets.RemoveAll(b => b.End + pace.RecipientWindow <= now);
        if (this.PausedUntil <= now)
        {
            this.PausedUntil = null;
        }
    }

    /// <summary>
    /// Claims a place for a send of <paramref name="recipients"/> recipients (pruning first): refused while paused, when the
    /// budget (with <paramref name="reservedElsewhere"/> recipients promised to other sends of this host) has no room, or
    /// when the message window is full; otherwise the claim <paramref name="id"/> is added.
    /// </summary>
    public MailboxClaimVerdict TryClaim(string id, int recipients, int reservedElsewhere, DateTimeOffset now, MailboxPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        this.Prune(now, pace);
        if (this.PausedUntil is { } paused)
        {
            return new MailboxClaimVerdict(MailboxClaimOutcome.Paused, paused);
        }

        var budget = this.BudgetFreeAt(recipients, reservedElsewhere, now, pace);
        if (budget > now)
        {
            return new MailboxClaimVerdict(MailboxClaimOutcome.OverBudget, budget);
        }

        int over = this.Sent.Count + this.Claims.Count - pace.MessagesPerWindow;
        if (over >= 0)
        {
            // A place frees when the (over+1)th oldest stamp leaves the window; claims still in flight are answered no
            // earlier than now, so their stamps leave no earlier than a window from now.
            return new MailboxClaimVerdict(MailboxClaimOutcome.WindowFull, over < this.Sent.Count ? this.Sent[over] + pace.MessageWindow : now + pace.MessageWindow);
        }

        var expires = now + pace.ClaimLifetime;
        this.Claims.Add(new MailboxSendClaim { Id = id, Expires = expires, Recipients = recipients });
        return new MailboxClaimVerdict(MailboxClaimOutcome.Claimed, expires);
    }

    /// <summary>
    /// Ends the claim <paramref name="id"/> at <paramref name="at"/>: stamps a send when the request may have reached the
    /// server, and counts its recipients unless the server refused it. False when the claim is gone (it expired and counts
    /// as sent at its expiry already).
    /// </summary>
    public bool Complete(string id, DateTimeOffset at, bool stamp, bool countRecipients, MailboxPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        int index = this.Claims.FindIndex(c => c.Id == id);
        if (index < 0)
        {
            return false;
        }

        var claim = this.Claims[index];
        this.Claims.RemoveAt(index);
        if (stamp)
        {
            this.Stamp(at);
        }

        if (countRecipients)
        {
            this.CountRecipients(at, claim.Recipients, pace);
        }

        return true;
    }

    /// <summary>Moves the claim's expiry to <paramref name="expires"/>; false when the claim is gone.</summary>
    public bool Renew(string id, DateTimeOffset expires)
    {
        var claim = this.Claims.Find(c => c.Id == id);
        if (claim is null)
        {
            return false;
        }

        claim.Expires = expires;
        return true;
    }

    /// <summary>Pauses the mailbox until <paramref name="until"/>; false when it is paused as long already.</summary>
    public bool Pause(DateTimeOffset until)
    {
        if (this.PausedUntil >= until)
        {
            return false;
        }

        this.PausedUntil = until;
        return true;
    }

    /// <summary>
    /// The earliest moment the budget has room for <paramref name="recipients"/> more (besides <paramref name="reservedElsewhere"/>
    /// promised to other sends): <paramref name="now"/> when it has room now, else when enough buckets and claims have left the
    /// window (a claim at the latest at its expiry). Without a budget, always <paramref name="now"/>.
    /// </summary>
    public DateTimeOffset BudgetFreeAt(int recipients, int reservedElsewhere, DateTimeOffset now, MailboxPace pace)
    {
        ArgumentNullException.ThrowIfNull(pace);
        if (!pace.HasBudget)
        {
            return now;
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(recipients, pace.RecipientsPerWindow);
        int excess = this.RecipientsCounted + reservedElsewhere + recipients - pace.RecipientsPerWindow;
        if (excess <= 0)
        {
            return now;
        }

        var leaving = this.Buckets.Select(b => (At: b.End + pace.RecipientWindow, b.Recipients))
            .Concat(this.Claims.Select(c => (At: BucketEnd(c.Expires, pace) + pace.RecipientWindow, c.Recipients)))
            .OrderBy(l => l.At);
        foreach (var (at, count) in leaving)
        {
            excess -= count;
            if (excess <= 0)
            {
                return at;
            }
        }

        // The rest is promised to sends of this host that have not claimed yet: they will be counted by a claim's expiry.
        return BucketEnd(now + pace.ClaimLifetime, pace) + pace.RecipientWindow;
    }

    /// <summary>True when a claim in flight is not one of <paramref name="own"/> (another host's, or one left by a crash).</summary>
    public bool HasClaimsOtherThan(IReadOnlySet<string> own)
    {
        ArgumentNullException.ThrowIfNull(own);
        return this.Claims.Exists(c => !own.Contains(c.Id));
    }

    private void Stamp(DateTimeOffset at)
    {
        int index = this.Sent.Count;
        while (index > 0 && this.Sent[index - 1] > at)
        {
            index--;
        }

        this.Sent.Insert(index, at);
    }

    private void CountRecipients(DateTimeOffset at, int recipients, MailboxPace pace)
    {
        if (!pace.HasBudget || recipients <= 0)
        {
            return;
        }

        var end = BucketEnd(at, pace);
        var bucket = this.Buckets.Find(b => b.End == end);
        if (bucket is not null)
        {
            bucket.Recipients += recipients;
            return;
        }

        int index = this.Buckets.FindIndex(b => b.End > end);
        this.Buckets.Insert(index < 0 ? this.Buckets.Count : index, new MailboxRecipientBucket { End = end, Recipients = recipients });
    }
}
