using System.Globalization;

namespace Circulation.Benchmarks.Distribution;

/// <summary>Samples a process's VmRSS (/proc/PID/status) every 100 ms until stopped, and reads VmHWM at the end.</summary>
internal sealed class HostMemory
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly int pid;
    private readonly bool reset;
    private readonly CancellationTokenSource stop = new();
    private readonly Task<(long Peak, int Samples)> sampling;

    private HostMemory(int pid)
    {
        this.pid = pid;
        this.reset = ResetHighWaterMark(pid);
        this.sampling = this.SampleAsync();
    }

    /// <summary>
    /// The host's process id: <paramref name="options"/>' --host-pid, else the pid file ./run.sh writes; null when
    /// neither names a running Circulation local host.
    /// </summary>
    public static int? FindHost(DriverOptions options)
    {
        int? pid = options.HostPid;
        if (pid is null && File.Exists(options.PidFile) && int.TryParse(File.ReadAllText(options.PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int fromFile))
        {
            pid = fromFile;
        }

        if (pid is null)
        {
            Console.WriteLine($"No host process id (--host-pid, or {options.PidFile} from ./run.sh): the host's memory is not measured.");
            return null;
        }

        string cmdline = $"/proc/{pid}/cmdline";
        if (!File.Exists(cmdline) || !File.ReadAllText(cmdline).Contains("Circulation.LocalHost", StringComparison.Ordinal))
        {
            Console.WriteLine($"Process {pid} is not a running Circulation local host: its memory is not measured.");
            return null;
        }

        return pid;
    }

    /// <summary>Starts sampling <paramref name="pid"/>.</summary>
    public static HostMemory Start(int pid) => new(pid);

    /// <summary>Stops sampling and reads VmHWM.</summary>
    public async Task<HostMemoryReading> StopAsync()
    {
        await this.stop.CancelAsync();
        var (peak, samples) = await this.sampling;
        this.stop.Dispose();
        long? last = Read(this.pid, "VmRSS:");
        long hwm = Read(this.pid, "VmHWM:") ?? 0;
        return new HostMemoryReading(this.pid, Math.Max(peak, last ?? 0), samples + (last is null ? 0 : 1), hwm, this.reset);
    }

    // Writing 5 to clear_refs resets the peak resident set size (Linux 4.0+; the process's owner only).
    private static bool ResetHighWaterMark(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long? Read(int pid, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended.
        }

        return null;
    }

    private async Task<(long Peak, int Samples)> SampleAsync()
    {
        long peak = 0;
        int samples = 0;
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                if (Read(this.pid, "VmRSS:") is { } rss)
                {
                    peak = Math.Max(peak, rss);
                    samples++;
                }
            }
            while (await timer.WaitForNextTickAsync(this.stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        return (peak, samples);
    }
}
