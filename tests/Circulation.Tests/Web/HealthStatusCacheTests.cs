using Circulation.Tests.TestSupport;
using Circulation.Web;
using Xunit;

namespace Circulation.Tests.Web;

public sealed class HealthStatusCacheTests
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(15);
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 18, 0, 0, TimeSpan.Zero));
    private int probes;

    private Func<Task<bool>> Probe(bool healthy) => () =>
    {
        Interlocked.Increment(ref this.probes);
        return Task.FromResult(healthy);
    };

    [Fact]
    public async Task GetAsync_AgainWithinTheCacheDuration_ReturnsTheCachedResultWithoutProbing()
    {
        var cache = new HealthStatusCache(this.clock, CacheDuration);
        Assert.False(await cache.GetAsync(this.Probe(healthy: false)));

        this.clock.Advance(CacheDuration - TimeSpan.FromSeconds(1));

        Assert.False(await cache.GetAsync(this.Probe(healthy: true)));
        Assert.Equal(1, this.probes);
    }

    [Fact]
    public async Task GetAsync_OnceTheCacheDurationHasPassed_ProbesAgain()
    {
        var cache = new HealthStatusCache(this.clock, CacheDuration);
        Assert.False(await cache.GetAsync(this.Probe(healthy: false)));

        this.clock.Advance(CacheDuration);

        Assert.True(await cache.GetAsync(this.Probe(healthy: true)));
        Assert.Equal(2, this.probes);
    }

    [Fact]
    public async Task GetAsync_CallersWhileAProbeRuns_ShareThatProbe()
    {
        var cache = new HealthStatusCache(this.clock, TimeSpan.Zero);
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<bool>> slow = () =>
        {
            Interlocked.Increment(ref this.probes);
            return answer.Task;
        };

        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetAsync(slow)).ToArray();
        answer.SetResult(true);

        Assert.All(await Task.WhenAll(callers), Assert.True);
        Assert.Equal(1, this.probes);
    }

    [Fact]
    public async Task GetAsync_WithZeroCacheDuration_ProbesOnEveryCallAfterTheLastEnded()
    {
        var cache = new HealthStatusCache(this.clock, TimeSpan.Zero);

        await cache.GetAsync(this.Probe(healthy: true));
        await cache.GetAsync(this.Probe(healthy: true));

        Assert.Equal(2, this.probes);
    }

    [Fact]
    public async Task GetAsync_ProbeThrows_IsUnhealthyAndCached()
    {
        var cache = new HealthStatusCache(this.clock, CacheDuration);

        Assert.False(await cache.GetAsync(() => throw new InvalidOperationException("storage down")));
        Assert.False(await cache.GetAsync(this.Probe(healthy: true)));
        Assert.Equal(0, this.probes);
    }
}
