using System.Globalization;
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
    /// <summary>How many times the crash test kills the host mid-distribution, each time after it has sent more.</summary>
    private const int Kills = 5;

    [Fact]
    public async Task FullList_PacedThroughGraph_EveryMissionGetsExactlyOneCopyAndTheMailboxNeverThrottles()
    {
        fixture.ResetEmulator();
        var (id, missions) = await this.SignAsync("GraphPaced");

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

        Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
        this.AssertEachMissionOnce(missions);
        Assert.Empty(fixture.Emulator.Counts.Throttled);
    }

    [Fact]
    public async Task TwentyPercentOfGraphCallsFault_EveryMissionStillGetsExactlyOneCopyAndNoneIsRecordedAsFailed()
    {
        // 429s and 503s with a short Retry-After, dropped connections, "202 then the connection drops", a send carried out
        // whose silent re-send is refused as already sent (a 400 that the mailbox's Sent Items must settle), and stalls past
        // the host's request timeout, on one Graph call in five.
        fixture.ResetEmulator(new EmulatorFaults { Rate = 0.2, Seed = 20261202, StallFor = GraphHostFixture.RequestTimeout + TimeSpan.FromSeconds(1), RetryAfter = TimeSpan.FromMilliseconds(200) });
        var (id, missions) = await this.SignAsync("GraphFaults");

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(6), completed: true);

        var faults = fixture.Emulator.Counts.Faults;
        output.WriteLine($"letter {id}: faults injected {string.Join(", ", faults.Select(f => $"{f.Key}={f.Value}"))}");
        Assert.True(faults.Values.Sum() > 50, $"Only {faults.Values.Sum()} faults were injected.");
        Assert.True(faults.GetValueOrDefault(nameof(FaultKind.AcceptedThenResent)) > 0, "No send was refused as already sent.");
        Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
        Assert.Equal(0, done.GetProperty("deliveries").GetProperty("failed").GetInt32());
        this.AssertEachMissionOnce(missions);
    }

    [Fact]
    public async Task HostKilledAtRandomMomentsMidDistribution_NoMissionLostAndNoneGetsTwoCopies()
    {
        fixture.ResetEmulator();
        var (id, missions) = await this.SignAsync("GraphCrash");
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
                () => Task.FromResult((sent = this.MissionCopiesSent(missions)) > sentAtLastKill),
                () => $"{sent} sent",
                TimeSpan.FromMilliseconds(50));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 600)));
            sentAtLastKill = this.MissionCopiesSent(missions);
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
        this.AssertEachMissionOnce(missions);
    }

    private async Task<(string Id, IReadOnlyList<Circulation.Missions.Mission> Missions)> SignAsync(string kind)
    {
        string tag = TestLetters.NewTag(kind);
        string subject = TestLetters.Subject(tag);
        var missions = MailAssertions.MissionsOn(TestLetters.AllMissions);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.AllMissions));
        await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1), Smtp4devClient.DefaultWait));
        await fixture.Api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag), Smtp4devClient.DefaultWait));
        fixture.StopDeliveringOnward();
        return (id, missions);
    }

    private int MissionCopiesSent(IReadOnlyList<Circulation.Missions.Mission> missions) =>
        missions.Sum(m => fixture.Emulator.Counts.SentPerRecipient.GetValueOrDefault(m.Email.ToLowerInvariant()));

    private void AssertEachMissionOnce(IReadOnlyList<Circulation.Missions.Mission> missions)
    {
        var counts = fixture.Emulator.Counts.SentPerRecipient;
        var wrong = missions.Select(m => (m.Id, Count: counts.GetValueOrDefault(m.Email.ToLowerInvariant()))).Where(c => c.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} missions did not get exactly one copy: {string.Join(", ", wrong.Take(20).Select(w => $"{w.Id}={w.Count}"))}");
    }
}
