using System.Collections.Concurrent;

namespace Circulation.ExchangeEmulator;

/// <summary>What the emulator saw, for tests to assert on (GET /emulator/counts).</summary>
public sealed class EmulatorCounts
{
    /// <summary>Messages sent, per recipient address (lower case).</summary>
    public ConcurrentDictionary<string, int> SentPerRecipient { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages sent, per sending mailbox.</summary>
    public ConcurrentDictionary<string, int> SentPerMailbox { get; } = new(StringComparer.Ordinal);

    /// <summary>429 answers because a limit was reached (not injected), per limit.</summary>
    public ConcurrentDictionary<string, int> Throttled { get; } = new(StringComparer.Ordinal);

    /// <summary>Injected faults, per kind.</summary>
    public ConcurrentDictionary<string, int> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Graph requests, per operation ("create", "send", "list", ...).</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>Messages handed on to the SMTP server.</summary>
    public int DeliveredOnward => this.deliveredOnward;

    /// <summary>Upload sessions completed.</summary>
    public int UploadsCompleted => this.uploadsCompleted;

    /// <summary>When the last message was sent (Graph accepted it), or null.</summary>
    public DateTimeOffset? LastSentAt
    {
        get
        {
            long ticks = Interlocked.Read(ref this.lastSentTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    private long lastSentTicks;
    private int deliveredOnward;
    private int uploadsCompleted;

    /// <summary>Adds one to a counter.</summary>
    public static void Add(ConcurrentDictionary<string, int> counter, string key) => counter.AddOrUpdate(key, 1, (_, n) => n + 1);

    /// <summary>Notes that a message was sent at <paramref name="at"/>.</summary>
    public void CountSent(DateTimeOffset at)
    {
        long ticks = at.UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref this.lastSentTicks)) < ticks && Interlocked.CompareExchange(ref this.lastSentTicks, ticks, seen) != seen)
        {
        }
    }

    /// <summary>Counts one message handed on.</summary>
    public void CountDeliveredOnward() => Interlocked.Increment(ref this.deliveredOnward);

    /// <summary>Counts one completed upload.</summary>
    public void CountUpload() => Interlocked.Increment(ref this.uploadsCompleted);

    /// <summary>Forgets everything.</summary>
    public void Reset()
    {
        this.SentPerRecipient.Clear();
        this.SentPerMailbox.Clear();
        this.Throttled.Clear();
        this.Faults.Clear();
        this.Requests.Clear();
        Interlocked.Exchange(ref this.deliveredOnward, 0);
        Interlocked.Exchange(ref this.uploadsCompleted, 0);
        Interlocked.Exchange(ref this.lastSentTicks, 0);
    }

    /// <summary>The JSON shape of GET /emulator/counts.</summary>
    public object Snapshot() => new
    {
        sent = this.SentPerMailbox.Values.Sum(),
        sentPerRecipient = new SortedDictionary<string, int>(this.SentPerRecipient, StringComparer.Ordinal),
        sentPerMailbox = new SortedDictionary<string, int>(this.SentPerMailbox, StringComparer.Ordinal),
        throttled = new SortedDictionary<string, int>(this.Throttled, StringComparer.Ordinal),
        faults = new SortedDictionary<string, int>(this.Faults, StringComparer.Ordinal),
        requests = new SortedDictionary<string, int>(this.Requests, StringComparer.Ordinal),
        lastSentAt = this.LastSentAt,
        deliveredOnward = this.DeliveredOnward,
        uploadsCompleted = this.UploadsCompleted,
    };
}
