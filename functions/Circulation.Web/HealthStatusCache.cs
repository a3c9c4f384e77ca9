namespace Circulation.Web;

/// <summary>
/// Runs a health probe at most once per cache period: callers within <see cref="HealthOptions.CacheDuration"/> of the
/// last probe's end get its result, and callers while a probe is running share that probe rather than starting another.
/// </summary>
public sealed class HealthStatusCache
{
    private readonly TimeProvider clock;
    private readonly TimeSpan duration;
    private readonly Lock gate = new();
    private Task<bool>? latest;
    private DateTimeOffset validUntil;

    /// <summary>Creates the cache.</summary>
    public HealthStatusCache(TimeProvider clock, TimeSpan duration)
    {
        this.clock = clock;
        this.duration = duration;
    }

    /// <summary>The cached or in-flight result, or (when there is neither) the result of a new run of <paramref name="probe"/>.</summary>
    public Task<bool> GetAsync(Func<Task<bool>> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        lock (this.gate)
        {
            if (this.latest is null || (this.latest.IsCompleted && this.clock.GetUtcNow() >= this.validUntil))
            {
                this.latest = this.RunAsync(probe);
            }

            return this.latest;
        }
    }

    private async Task<bool> RunAsync(Func<Task<bool>> probe)
    {
        bool healthy;
        try
        {
            healthy = await Task.Run(probe);
        }
#pragma warning disable CA1031 // A probe that throws means unhealthy; the caller must not see the exception.
        catch (Exception)
#pragma warning restore CA1031
        {
            healthy = false;
        }

        lock (this.gate)
        {
            this.validUntil = this.clock.GetUtcNow() + this.duration;
        }

        return healthy;
    }
}
