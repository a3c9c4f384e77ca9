using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// A deploy does not break a letter in flight. Letters are started on workflow 1.0 (the host's
/// extensions:durableTask:defaultVersion) and left waiting for approval, waiting for signature, and in the middle of
/// their distribution (the host is killed there); the host then comes back on the current version (4.0: the read model; since 3.0 batched
/// distribution; since 2.0 a report to the drafter and the signatory at the end). Every old letter completes on the path it started on (no report), and a letter
/// started after the upgrade takes the new path (the report, with its totals).
/// </summary>
[Collection(Collections.Versioning)]
public sealed class VersioningTests(VersioningHostFixture fixture)
{
    [Fact]
    public async Task LettersStartedOnTheOldWorkflowCompleteOnItAfterAnUpgrade_NewLettersTakeTheNewStep()
    {
        var host = fixture.Host;
        var api = fixture.Api;
        var mail = fixture.Mail;
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);

        // Version 1.0: one letter waits for its approver, one for its signatory, one is being distributed.
        var inApproval = await StartAsync("VerA");
        await WaitUntilRecordedAsync(inApproval, await mail.WaitForAsync($"For approval: {inApproval.Subject}", TestLetters.Approver(inApproval.Tag, 1)));

        var inSignature = await StartAsync("VerB");
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {inSignature.Subject}", TestLetters.Approver(inSignature.Tag, 1)));
        await WaitUntilRecordedAsync(inSignature, await mail.WaitForAsync($"For signature: {inSignature.Subject}", TestLetters.Signatory(inSignature.Tag)));

        var inDistribution = await StartAsync("VerC");
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {inDistribution.Subject}", TestLetters.Approver(inDistribution.Tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {inDistribution.Subject}", TestLetters.Signatory(inDistribution.Tag)));
        string seen = "";
        await Poll.UntilAsync(
            $"letter {inDistribution.Id} to be part-way through its distribution",
            TimeSpan.FromMinutes(3),
            async () =>
            {
                var letter = await api.GetLetterAsync(inDistribution.Id);
                string? stage = letter.GetProperty("stage").GetString();
                int sent = letter.GetProperty("deliveries").GetProperty("sent").GetInt32();
                seen = $"stage {stage}, {sent} sent";
                Assert.False(stage == "Distributed", $"Letter {inDistribution.Id} was distributed before the upgrade ({seen}).");
                return stage == "Distributing" && sent >= 3;
            },
            () => seen,
            TimeSpan.FromMilliseconds(50));

        // The upgrade: the 1.0 host stops abruptly and a 4.0 host takes over the same task hub and storage.
        host.Kill();
        await this.AssertNoneFinalAsync(inApproval, inSignature, inDistribution);
        host.SetSetting(VersioningHostFixture.DefaultVersionSetting, "4.0");
        await host.RestartAsync();

        var afterUpgrade = await StartAsync("VerD");
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {afterUpgrade.Subject}", TestLetters.Approver(afterUpgrade.Tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {afterUpgrade.Subject}", TestLetters.Signatory(afterUpgrade.Tag)));

        // The old letters go on where they stopped.
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {inApproval.Subject}", TestLetters.Approver(inApproval.Tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {inApproval.Subject}", TestLetters.Signatory(inApproval.Tag)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {inSignature.Subject}", TestLetters.Signatory(inSignature.Tag)));

        foreach (var letter in new[] { inApproval, inSignature, inDistribution, afterUpgrade })
        {
            var done = await api.WaitForStageAsync(letter.Id, "Distributed", TimeSpan.FromMinutes(5), completed: true);
            Assert.Equal(missions.Count, done.GetProperty("deliveries").GetProperty("sent").GetInt32());
            await MailAssertions.AssertEachMissionGotAtLeastOneAsync(mail, letter.Tag, letter.Subject, missions, TimeSpan.FromMinutes(2));
        }

        // The new letter took the new last step: its drafter and signatory each got the report, with the totals.
        foreach (string to in new[] { TestLetters.Drafter(afterUpgrade.Tag), TestLetters.Signatory(afterUpgrade.Tag) })
        {
            var report = await mail.WaitForAsync($"Circulated: {afterUpgrade.Subject}", to);
            string text = await mail.PlainTextAsync(report.Id);
            Assert.Contains($"Sent to {missions.Count} of {missions.Count} missions; 0 could not be reached.", text, StringComparison.Ordinal);
            Assert.Contains(afterUpgrade.Id, text, StringComparison.Ordinal);
        }

        // The old ones did not: their workflows completed (the report would have been sent before that) without one.
        // Nor do they record anything in the read model: their pages come from their workflows, with no timeline,
        // while the new letter's page has its whole timeline.
        foreach (var letter in new[] { inApproval, inSignature, inDistribution })
        {
            Assert.DoesNotContain(await mail.ListAsync(letter.Tag), m => m.Subject.StartsWith("Circulated:", StringComparison.Ordinal));
            Assert.Empty((await api.GetLetterAsync(letter.Id)).GetProperty("timeline").EnumerateArray());
        }

        var timeline = (await api.GetLetterAsync(afterUpgrade.Id)).GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("Created", timeline[0]);
        Assert.Equal("DistributionFinished", timeline[^1]);
        Assert.Contains("Signed", timeline);
        Assert.Contains(afterUpgrade.Id, await api.ListLetterIdsAsync());
        Assert.DoesNotContain(inApproval.Id, await api.ListLetterIdsAsync());
    }

    private async Task<TestLetter> StartAsync(string kind)
    {
        string tag = TestLetters.NewTag(kind);
        string id = await fixture.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
        return new TestLetter(id, tag, TestLetters.Subject(tag));
    }

    /// <summary>Waits until the workflow has committed the request it mailed, so the upgrade finds it waiting, not sending.</summary>
    private Task WaitUntilRecordedAsync(TestLetter letter, MailSummary sent) =>
        Poll.UntilAsync(
            $"letter {letter.Id}'s workflow to record the mail it sent",
            TimeSpan.FromSeconds(30),
            async () => (await fixture.Api.GetLetterAsync(letter.Id)).GetProperty("updatedAt").GetDateTimeOffset() > sent.ReceivedDate);

    /// <summary>With the host down, no letter has a manifest: none reached its end on the old host.</summary>
    private async Task AssertNoneFinalAsync(params TestLetter[] letters)
    {
        var blobs = await fixture.BlobNamesAsync();
        Assert.All(letters, l => Assert.DoesNotContain($"{l.Id}/manifest.json", blobs));
    }

    private sealed record TestLetter(string Id, string Tag, string Subject);
}
