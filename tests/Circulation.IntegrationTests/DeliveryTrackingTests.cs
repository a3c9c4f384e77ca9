using System.Net;
using System.Text;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// After a letter is sent, its drafter sees which mission got it (GET api/letters/{id}/deliveries) and can send it again
/// to one mission, recorded as another attempt, once per request however often the request is repeated.
/// </summary>
[Collection(Collections.EndToEnd)]
public sealed class DeliveryTrackingTests(EndToEndHostFixture fixture)
{
    [Fact]
    public async Task DistributedLetter_DeliveriesShowEveryMissionSent_AndAResendAskedTwiceSendsOneMoreCopyRecordedAsASecondAttempt()
    {
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("Resend");
        string subject = TestLetters.Subject(tag);
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));

        // Before signature every mission is pending and nothing can be resent.
        var before = await api.GetDeliveriesAsync(id);
        Assert.Equal((missions.Count, missions.Count), (before.GetProperty("total").GetInt32(), before.GetProperty("pending").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, (await ResendAsync(api, id, missions[0].Id, "Not yet", Guid.NewGuid())).Status);

        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
        var done = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);
        Assert.Equal($"{missions.Count} of {missions.Count} sent", done.GetProperty("progress").GetProperty("text").GetString());

        var deliveries = await api.GetDeliveriesAsync(id);
        Assert.Equal((missions.Count, 0, 0), (deliveries.GetProperty("sent").GetInt32(), deliveries.GetProperty("failed").GetInt32(), deliveries.GetProperty("pending").GetInt32()));
        var rows = deliveries.GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(missions.Select(m => m.Id).Order(StringComparer.Ordinal), rows.Select(r => r.GetProperty("mission").GetString()!).Order(StringComparer.Ordinal));
        var mission = missions[^1];
        var row = rows.Single(r => r.GetProperty("mission").GetString() == mission.Id);
        Assert.Equal((mission.Email, "Sent", 1), (row.GetProperty("address").GetString(), row.GetProperty("state").GetString(), row.GetProperty("attempts").GetInt32()));
        Assert.Equal($"{id}.{mission.Id}@circulation", row.GetProperty("messageId").GetString());
        Assert.True(row.GetProperty("sentAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-10));

        // Nothing failed, so "resend to all failed" has nothing to do; a resend needs a reason and a request id.
        var noneFailed = await api.SendRawAsync(Post($"api/letters/{id}/deliveries/resend-failed", new { reason = "Check", requestId = Guid.NewGuid().ToString() }));
        Assert.Equal(HttpStatusCode.Conflict, noneFailed.Status);
        Assert.StartsWith("No mission's delivery has failed", noneFailed.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noReason = await ResendAsync(api, id, mission.Id, "", Guid.NewGuid());
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains(noReason.Json.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "reason");
        Assert.Equal(HttpStatusCode.NotFound, (await ResendAsync(api, id, "atlantis", "Lost", Guid.NewGuid())).Status);

        // The approver may read the deliveries but not resend; the copy was accepted, so the drafter may not resend it either,
        // an admin may, twice with the same request.
        var approver = api.As(TestPeople.Approvers[0]);
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync($"api/letters/{id}/deliveries")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ResendAsync(approver, id, mission.Id, "Mine", Guid.NewGuid())).Status);
        var drafterResend = await ResendAsync(api, id, mission.Id, "Mine", Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Forbidden, drafterResend.Status);
        Assert.Contains($"The copy to {mission.Name} was accepted", drafterResend.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var admin = api.As(TestPeople.Admin);
        var request = Guid.NewGuid();
        string reason = "The mission reports the copy never arrived";
        var first = await ResendAsync(admin, id, mission.Id, reason, request);
        Assert.True(first.Status == HttpStatusCode.Accepted, $"{(int)first.Status}: {first.Body}");
        var again = await ResendAsync(admin, id, mission.Id, reason, request);
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        var reused = await ResendAsync(admin, id, missions[0].Id, reason, request);
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Contains("already used for another resend", reused.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);

        JsonElement resent = default;
        await Poll.UntilAsync(
            $"the resend to {mission.Id} to be recorded as sent",
            TimeSpan.FromMinutes(2),
            async () =>
            {
                resent = (await api.GetDeliveriesAsync(id)).GetProperty("deliveries").EnumerateArray().Single(r => r.GetProperty("mission").GetString() == mission.Id);
                return resent.GetProperty("history").EnumerateArray().Last().GetProperty("state").GetString() == "Sent";
            },
            () => resent.ToString());
        Assert.Equal(("Sent", 2), (resent.GetProperty("state").GetString(), resent.GetProperty("attempts").GetInt32()));
        var second = resent.GetProperty("history")[1];
        Assert.Equal((TestPeople.Admin, reason), (second.GetProperty("requestedBy").GetString(), second.GetProperty("requestReason").GetString()));
        Assert.Equal($"{id}.{mission.Id}.r-{request:D}@circulation", resent.GetProperty("messageId").GetString());

        // The inbox: that mission has two copies, from one resend however often it was asked; another mission has one.
        await Poll.UntilAsync(
            $"{mission.Email} to hold two copies",
            TimeSpan.FromMinutes(1),
            async () => (await mail.ListAsync(tag)).Count(m => m.Subject == subject && m.To.Contains(mission.Email, StringComparer.OrdinalIgnoreCase)) >= 2);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var inbox = await mail.ListAsync(tag);
        Assert.Equal(2, inbox.Count(m => m.Subject == subject && m.To.Contains(mission.Email, StringComparer.OrdinalIgnoreCase)));
        Assert.Equal(1, inbox.Count(m => m.Subject == subject && m.To.Contains(missions[0].Email, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task TenSimultaneousResendsToOneMission_SendOneCopyAndNameThePendingOne_AndAFourthResendIsRefused()
    {
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("ResendLimit");
        string subject = TestLetters.Subject(tag);
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);
        var mission = missions[5];
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
        await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);
        var admin = api.As(TestPeople.Admin);

        // Ten requests at once, each with its own id: the guard is one conditional write, so exactly one wins.
        var requests = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        using var start = new SemaphoreSlim(0);
        var answers = requests.Select(async r =>
        {
            await start.WaitAsync();
            return await ResendAsync(admin, id, mission.Id, "Ten at once", r);
        }).ToList();
        start.Release(requests.Count);
        var results = await Task.WhenAll(answers);

        var accepted = Assert.Single(results, r => r.Status == HttpStatusCode.Accepted);
        string winner = accepted.Json.GetProperty("requestId").GetString()!;
        Assert.All(results.Where(r => r != accepted), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal(winner, r.Json.GetProperty("pendingRequestId").GetString());
            Assert.Contains($"A resend to {mission.Name} is already on its way (request {winner}", r.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        });
        await WaitForResendsSentAsync(api, id, mission.Id, 1);

        // Two more, one after the other, reach the limit of three; the fourth is refused in plain words.
        for (int resend = 2; resend <= 3; resend++)
        {
            var next = await ResendAsync(admin, id, mission.Id, $"Resend {resend}", Guid.NewGuid());
            Assert.True(next.Status == HttpStatusCode.Accepted, $"{(int)next.Status}: {next.Body}");
            await WaitForResendsSentAsync(api, id, mission.Id, resend);
        }

        var fourth = await ResendAsync(admin, id, mission.Id, "Resend 4", Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Conflict, fourth.Status);
        Assert.Equal(
            $"{mission.Name} has been sent this letter again 3 times, the most allowed per mission (3); it cannot be sent again.",
            fourth.Json.GetProperty("detail").GetString());

        // The inbox: the distribution's copy and three resends, no more.
        await Poll.UntilAsync(
            $"{mission.Email} to hold four copies",
            TimeSpan.FromMinutes(1),
            async () => (await mail.ListAsync(tag)).Count(m => m.Subject == subject && m.To.Contains(mission.Email, StringComparer.OrdinalIgnoreCase)) >= 4);
        var inbox = await mail.ListAsync(tag);
        Assert.Equal(4, inbox.Count(m => m.Subject == subject && m.To.Contains(mission.Email, StringComparer.OrdinalIgnoreCase)));
    }

    private static async Task WaitForResendsSentAsync(CirculationClient api, string id, string missionId, int resends)
    {
        JsonElement row = default;
        await Poll.UntilAsync(
            $"{resends} resend(s) to {missionId} to be recorded as sent",
            TimeSpan.FromMinutes(2),
            async () =>
            {
                row = (await api.GetDeliveriesAsync(id)).GetProperty("deliveries").EnumerateArray().Single(r => r.GetProperty("mission").GetString() == missionId);
                return row.GetProperty("history").EnumerateArray().Count(a => a.GetProperty("state").GetString() == "Sent") == resends + 1;
            },
            () => row.ToString());
        Assert.Equal(resends + 1, row.GetProperty("attempts").GetInt32());
    }

    private static HttpRequestMessage Post(string path, object body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };

    private static Task<PageResponse> ResendAsync(CirculationClient client, string id, string mission, string reason, Guid request) =>
        client.SendRawAsync(Post($"api/letters/{id}/deliveries/{mission}/resend", new { reason, requestId = request.ToString() }));
}
