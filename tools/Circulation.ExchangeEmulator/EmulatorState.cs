using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Circulation.ExchangeEmulator;

/// <summary>Everything the emulator holds in memory: mailboxes, upload sessions, the current limits and faults, counts, the onward queue.</summary>
public sealed class EmulatorState
{
    private readonly ConcurrentDictionary<string, Mailbox> mailboxes = new(StringComparer.Ordinal);
    private readonly HashSet<string> known;
    private readonly Lock diceGate = new();
    private Random dice;
    private int faultsDrawn;
    private EmulatorLimits limits;
    private EmulatorFaults faults;

    /// <summary>Creates the state from the start-up settings.</summary>
    public EmulatorState(EmulatorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.Settings = settings;
        this.known = new HashSet<string>(settings.Mailboxes.Select(m => m.ToLowerInvariant()), StringComparer.Ordinal);
        this.limits = settings.Limits;
        this.faults = settings.Faults;
        this.dice = NewDice(settings.Faults);
        this.Tokens = new AccessTokens(settings.IdentityHeader);
    }

    /// <summary>The start-up settings.</summary>
    public EmulatorSettings Settings { get; }

    /// <summary>Whether sent messages go on to the SMTP server (when one is configured); tests of pace and counts may turn it off.</summary>
    public bool DeliverOnward { get; set; } = true;

    /// <summary>The limits in force.</summary>
    public EmulatorLimits Limits => Volatile.Read(ref this.limits);

    /// <summary>The faults in force.</summary>
    public EmulatorFaults Faults => Volatile.Read(ref this.faults);

    /// <summary>Token issuer and checker.</summary>
    public AccessTokens Tokens { get; }

    /// <summary>Counters for tests.</summary>
    public EmulatorCounts Counts { get; } = new();

    /// <summary>Open upload sessions by id.</summary>
    public ConcurrentDictionary<string, UploadSession> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Sent messages waiting to go on to the SMTP server.</summary>
    public Channel<EmulatedMessage> Onward { get; } = Channel.CreateUnbounded<EmulatedMessage>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The mailbox at <paramref name="address"/>, or null when it does not exist.</summary>
    public Mailbox? FindMailbox(string address)
    {
        string key = address.ToLowerInvariant();
        return this.known.Count > 0 && !this.known.Contains(key) ? null : this.mailboxes.GetOrAdd(key, k => new Mailbox(k));
    }

    /// <summary>Replaces the limits and faults (PUT /emulator/settings).</summary>
    public void Change(EmulatorLimits? newLimits, EmulatorFaults? newFaults)
    {
        if (newLimits is not null)
        {
            Volatile.Write(ref this.limits, newLimits);
        }

        if (newFaults is not null)
        {
            lock (this.diceGate)
            {
                this.dice = NewDice(newFaults);
                this.faultsDrawn = 0;
                Volatile.Write(ref this.faults, newFaults);
            }
        }
    }

    /// <summary>Empties every mailbox and the counts (POST /emulator/reset).</summary>
    public void Reset()
    {
        this.mailboxes.Clear();
        this.Uploads.Clear();
        this.Counts.Reset();
    }

    /// <summary>Draws whether the call to <paramref name="path"/> gets a fault, and which.</summary>
    public FaultKind? DrawFault(string path)
    {
        var current = this.Faults;
        if (current.Rate <= 0 || (current.OnlyPathsEndingWith is { } only && !path.EndsWith(only, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var kinds = current.Kinds is { Count: > 0 } k ? k : Enum.GetValues<FaultKind>();
        lock (this.diceGate)
        {
            if (current.MaxFaults is int max && this.faultsDrawn >= max)
            {
                return null;
            }

            var fault = this.dice.NextDouble() < current.Rate ? kinds[this.dice.Next(kinds.Count)] : (FaultKind?)null;
            this.faultsDrawn += fault is null ? 0 : 1;
            return fault;
        }
    }

#pragma warning disable CA5394 // Fault dice, not security.
    private static Random NewDice(EmulatorFaults faults) => faults.Seed is int seed ? new Random(seed) : new Random();
#pragma warning restore CA5394
}
