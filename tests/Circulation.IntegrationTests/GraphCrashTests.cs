using System.Globalization;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.IntegrationTests;

/// <summary>
/// Distribution through Microsoft Graph with the local host killed mid-way, on its own host and Exchange emulator (time
/// scaled to 30 messages per 2 s), so it runs beside <see cref="GraphDistributionTests"/>.
/// </summary>
[Collection(Collections.GraphCrash)]
public sealed class GraphCrashTests(GraphHostFixture fixture, ITestOutputHelper output)
{
    /// <summary>How many times the test kills the host mid-distribution, each time after it has sent more.</summary>
    private const int Kills = 5;

    [Fact]
    public async Task HostKilledAtRandomMomentsMidDistribution_NoMissionLostAndNoneGetsTwoCopies()
    {
        fixture.ResetEmulator();
        var (id, missions) = await GraphLetters.SignAsync(fixture, "GraphCrash");
        var random = new Random();
        var kills = new List<string>();
        int sentAtLastKill = 0;
        for (int kill = 1; kill <= Kills; kill++)
        {
            // A random moment while the distribution runs: once the host has sent more since it (re)started, never after
            // the last. Killing sooner would only hit a host still waiting for its queue messages to become visible again.
            int sent = 0;
            await Poll.UntilAsync(
                $"the host to send more than {sentAtLastKill} copies (kill {kill})",
                TimeSpan.FromMinutes(2),
                () => Task.FromResult((sent = GraphLetters.MissionCopiesSent(fixture, missions)) > sentAtLastKill),
                () => $"{sent} sent",
                TimeSpan.FromMilliseconds(50));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 600)));
            sentAtLastKill = GraphLetters.MissionCopiesSent(fixture, missions);
            if (sentAtLastKill >= missions.Count)
            {
                break;
            }

            fixture.Host.Kill();
            kills.Add(string.Create(CultureInfo.InvariantCulture, $"kill {kill} at {sentAtLastKill} sent"));
            await fixture.Host.RestartAsync();
        }

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(6), completed: true);

        output.WriteLine($"letter {id}: {string.Join("; ", kills)}; emulator counts {fixture.Emulator.Counts.SentPerMailbox.Values.Sum()} sent");
        Assert.True(kills.Count >= 3, $"The distribution ended before the host could be killed three times: {string.Join("; ", kills)}");
        Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
        Assert.Equal(0, done.GetProperty("deliveries").GetProperty("failed").GetInt32());
        GraphLetters.AssertEachMissionOnce(fixture, missions);
    }
}
