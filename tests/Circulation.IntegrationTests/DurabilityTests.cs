using System.Net;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>The workflow survives the host being killed (kill -9) while a letter waits for its approver.</summary>
[Collection(Collections.Durability)]
public sealed class DurabilityTests(DurabilityHostFixture fixture)
{
    [Fact]
    public async Task HostKilledWhileWaitingForApproval_LetterCompletesAfterRestart_AndNothingIsSentTwice()
    {
        var host = fixture.Host;
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("Kill");
        string subject = TestLetters.Subject(tag);
        string approver = TestLetters.Approver(tag, 1);
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);

        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
        var approvalMail = await mail.WaitForAsync($"For approval: {subject}", approver);

        // The mail has left; wait until the workflow has also recorded that (its state changes after the
        // send activity's result is committed), so the kill tests the wait for the approver, not a send in flight.
        await Poll.UntilAsync(
            $"letter {id}'s workflow to record the sent approval mail",
            TimeSpan.FromSeconds(30),
            async () => (await api.GetLetterAsync(id)).GetProperty("updatedAt").GetDateTimeOffset() > approvalMail.ReceivedDate);

        int before = host.ProcessId ?? throw new InvalidOperationException("The host is not running.");
        host.Kill();
        Assert.Null(host.ProcessId);
        await host.RestartAsync();
        Assert.NotEqual(before, host.ProcessId);

        var waiting = await api.GetLetterAsync(id);
        Assert.Equal("AwaitingApproval", waiting.GetProperty("stage").GetString());

        var link = await mail.WaitForLinkAsync($"For approval: {subject}", approver);
        await api.ApproveAsync(link);
        var signLink = await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag));
        await api.SignAsync(signLink);

        var letter = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);
        Assert.Equal(missions.Count, letter.GetProperty("deliveries").GetProperty("sent").GetInt32());

        await MailAssertions.AssertEachMissionGotExactlyOneAsync(mail, tag, subject, missions);
        await mail.WaitForAsync($"Circulated: {subject}", TestLetters.Drafter(tag));
        await mail.WaitForAsync($"Circulated: {subject}", TestLetters.Signatory(tag));
        var all = await mail.ListAsync(tag);
        Assert.Single(all, m => m.Subject == $"For approval: {subject}");
        Assert.Single(all, m => m.Subject == $"For signature: {subject}");
        Assert.Equal(2, all.Count(m => m.Subject == $"Circulated: {subject}"));
        Assert.Equal(missions.Count + 4, all.Count);

        var (status, _, _) = await api.GetPdfAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(await api.GetArchiveAsync(id), f => f.Name == "manifest.json");
    }
}
