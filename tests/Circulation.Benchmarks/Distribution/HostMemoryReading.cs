namespace Circulation.Benchmarks.Distribution;

/// <summary>What <see cref="HostMemory"/> saw of the local host's resident memory during a run.</summary>
/// <param name="Pid">The host's process id.</param>
/// <param name="PeakRssKiB">The highest VmRSS sampled.</param>
/// <param name="Samples">How many samples were taken.</param>
/// <param name="HighWaterMarkKiB">VmHWM at the end of the run: the kernel's own peak, which misses nothing between samples.</param>
/// <param name="HighWaterMarkReset">Whether VmHWM was reset when the run started (else it is the peak since the host started).</param>
internal sealed record HostMemoryReading(int Pid, long PeakRssKiB, int Samples, long HighWaterMarkKiB, bool HighWaterMarkReset);
