namespace Circulation.ExchangeEmulator;

/// <summary>Faults injected into Graph calls (those under /v1.0/users/ and the upload URLs) at a rate.</summary>
public sealed record EmulatorFaults
{
    /// <summary>Share of calls that get a fault, 0 to 1.</summary>
    public double Rate { get; init; }

    /// <summary>The faults to choose from, uniformly (null: all of them). <see cref="FaultKind.AcceptedThenDrop"/> applies to calls that change something (POST, PUT); a GET drawn for it is dropped instead.</summary>
    public IReadOnlyList<FaultKind>? Kinds { get; init; }

    /// <summary>Only calls whose path ends with this (e.g. "/send") get faults; null: every call.</summary>
    public string? OnlyPathsEndingWith { get; init; }

    /// <summary>At most this many faults are injected after a reset; null: no limit.</summary>
    public int? MaxFaults { get; init; }

    /// <summary>How long a <see cref="FaultKind.Timeout"/> stalls before dropping the connection (longer than the client's timeout).</summary>
    public TimeSpan StallFor { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Retry-After of injected 429 and 503 answers.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Seed of the fault dice, for repeatable runs; null draws a seed.</summary>
    public int? Seed { get; init; }
}
