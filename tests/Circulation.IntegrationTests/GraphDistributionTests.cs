using System.Globalization;
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
    /// <summary>How many times the crash test kills the host mid-distribution.</summary>
    private const int Kills = 4;

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
    public async Task HostKilledAtRandomMomentsMidDistribution_NoMissionLostAndNoneGetsTwoCopies()
    {
        fixture.ResetEmulator();
        var (id, missions) = await this.SignAsync("GraphCrash");
        var random = new Random();
        var kills = new List<string>();
        for (int kill = 1; kill <= Kills; kill++)
        {
            // A random moment while the distribution runs: after some sends, never after the last.
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3500)));
            int sentAtKill = this.MissionCopiesSent(missions);
            if (sentAtKill >= missions.Count)
            {
                break;
            }

            fixture.Host.Kill();
            kills.Add(string.Create(CultureInfo.InvariantCulture, $"kill {kill} at {sentAtKill} sent"));
            await fixture.Host.RestartAsync();
        }

        var done = await fixture.Api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(6), completed: true);

        output.WriteLine($"letter {id}: {string.Join("; ", kills)}; emulator counts {fixture.Emulator.Counts.SentPerMailbox.Values.Sum()} sent");
        Assert.True(kills.Count >= 2, $"The distribution ended before the host could be killed twice: {string.Join("; ", kills)}");
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
        await fixture.Api.ApproveAsync(await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await fixture.Api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag), TimeSpan.FromMinutes(2)));
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
