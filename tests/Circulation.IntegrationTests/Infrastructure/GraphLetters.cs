using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>What the Graph distribution tests do with a letter: sign it through its links, and count the missions' copies.</summary>
internal static class GraphLetters
{
    /// <summary>Creates a letter to every mission, approves and signs it through its mailed links; the missions' copies then stay in the emulator.</summary>
    public static async Task<(string Id, IReadOnlyList<Circulation.Missions.Mission> Missions)> SignAsync(GraphHostFixture fixture, string kind)
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

    /// <summary>How many of the missions' copies the emulator has taken.</summary>
    public static int MissionCopiesSent(GraphHostFixture fixture, IReadOnlyList<Circulation.Missions.Mission> missions) =>
        missions.Sum(m => fixture.Emulator.Counts.SentPerRecipient.GetValueOrDefault(m.Email.ToLowerInvariant()));

    /// <summary>Asserts each mission got exactly one copy.</summary>
    public static void AssertEachMissionOnce(GraphHostFixture fixture, IReadOnlyList<Circulation.Missions.Mission> missions)
    {
        var counts = fixture.Emulator.Counts.SentPerRecipient;
        var wrong = missions.Select(m => (m.Id, Count: counts.GetValueOrDefault(m.Email.ToLowerInvariant()))).Where(c => c.Count != 1).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} missions did not get exactly one copy: {string.Join(", ", wrong.Take(20).Select(w => $"{w.Id}={w.Count}"))}");
    }
}
