namespace Circulation.Benchmarks.Distribution;

/// <summary>One run's figures.</summary>
/// <param name="Letters">Letters signed in the run.</param>
/// <param name="MissionsPerLetter">Missions on the list each letter went to.</param>
/// <param name="Signing">From the first signature POST until the last was answered.</param>
/// <param name="ToLastMessage">From the first signature POST until the mail server accepted the last mission's copy.</param>
/// <param name="ToDistributed">From the first signature POST until every letter was seen in stage Distributed.</param>
/// <param name="Memory">The local host's resident memory during the run, when its process id is known.</param>
internal sealed record RunResult(int Letters, int MissionsPerLetter, TimeSpan Signing, TimeSpan ToLastMessage, TimeSpan ToDistributed, HostMemoryReading? Memory)
{
    /// <summary>Every mission's copy of every letter.</summary>
    public int Copies => this.Letters * this.MissionsPerLetter;

    /// <summary>Copies per second, from the first signature to the last copy accepted.</summary>
    public double MissionsPerSecond => this.Copies / this.ToLastMessage.TotalSeconds;
}
