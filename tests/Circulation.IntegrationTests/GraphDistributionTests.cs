using Circulation.ExchangeEmulator;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.IntegrationTests;

/// <summary>
/// Distribution through Microsoft Graph, end to end: the local host sends every mission's copy to the Exchange emulator
/// (Exchange's limits, time scaled to 30 messages per 2 s), which counts what each address received.
/// </summary>
[Collection(Collections.Graph)]
public sealed class GraphDistributionTests(GraphHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task FullList_PacedThroughGraph_EveryMissionGetsExactlyOneCopyAndTheMailboxNeverThrottles()
    {
        fixture.ResetEmulator();
        var (id, missions) = await GraphLetters.SignAsync(fixture, "GraphPaced");

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

        Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
        GraphLetters.AssertEachMissionOnce(fixture, missions);
        Assert.Empty(fixture.Emulator.Counts.Throttled);
    }

    [Fact]
    public async Task TwentyPercentOfGraphCallsFault_EveryMissionStillGetsExactlyOneCopyAndNoneIsRecordedAsFailed()
    {
        // 429s and 503s with a short Retry-After, dropped connections, "202 then the connection drops", a send carried out
        // whose silent re-send is refused as already sent (a 400 that the mailbox's Sent Items must settle), and stalls past
        // the host's request timeout, on one Graph call in five.
        fixture.ResetEmulator(new EmulatorFaults { Rate = 0.2, Seed = 20261202, StallFor = GraphHostFixture.RequestTimeout + TimeSpan.FromSeconds(1), RetryAfter = TimeSpan.FromMilliseconds(200) });
        var (id, missions) = await GraphLetters.SignAsync(fixture, "GraphFaults");

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(6), completed: true);

        var faults = fixture.Emulator.Counts.Faults;
        output.WriteLine($"letter {id}: faults injected {string.Join(", ", faults.Select(f => $"{f.Key}={f.Value}"))}");
        Assert.True(faults.Values.Sum() > 50, $"Only {faults.Values.Sum()} faults were injected.");
        Assert.True(faults.GetValueOrDefault(nameof(FaultKind.AcceptedThenResent)) > 0, "No send was refused as already sent.");
        Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
        Assert.Equal(0, done.GetProperty("deliveries").GetProperty("failed").GetInt32());
        GraphLetters.AssertEachMissionOnce(fixture, missions);
    }
}
