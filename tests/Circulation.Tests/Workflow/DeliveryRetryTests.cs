using Circulation.Distribution;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.ReadModel;
using Circulation.Tests.TestSupport.Smtp;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>Distribution when storage fails around the sends, and a resend of a mission whose delivery failed.</summary>
public sealed class DeliveryRetryTests : IClassFixture<ScriptedSmtpWorkflowFixture>
{
    private readonly ScriptedSmtpWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public DeliveryRetryTests(ScriptedSmtpWorkflowFixture host) => this.host = host;

    [Fact]
    public async Task CirculateLetter_StorageFailsForTheFirstBatches_EveryMissionIsSentOnceAndNoneIsRecordedAsFailed()
    {
        var (id, subject) = await this.SignAsync("storage faults", () => this.host.TableFaults.FailNextQueries(2));
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(2, this.host.TableFaults.Failed);
        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal((193, 193, 0), (progress.Deliveries.Total, progress.Deliveries.Sent, progress.Deliveries.Failed));
        var attempts = await this.host.Deliveries.ListAsync(id, CancellationToken.None);
        Assert.Equal(193, attempts.Count(a => a.State == DeliveryState.Sent));
        Assert.All(this.Missions, m => Assert.Single(this.CopiesFor(m, subject)));
    }

    [Fact]
    public async Task ResendDeliveries_ToAMissionThatRefusedTheLetter_SendsItOnceMoreAndRecordsASecondAttempt()
    {
        var refused = this.Missions[11];
        bool refuse = true;
        this.host.Smtp.Script(refused.Email, _ => refuse ? SmtpFault.MailboxUnavailable : null);
        var (id, subject) = await this.SignAsync("a resend", () => { });
        var progress = await this.host.WaitForEndAsync(id);
        Assert.Equal((193, 192, 1), (progress.Deliveries.Total, progress.Deliveries.Sent, progress.Deliveries.Failed));
        Assert.Empty(this.CopiesFor(refused, subject));
        var before = await this.host.ReadModel.FindAsync(id, CancellationToken.None);
        Assert.Equal((192, 1), (before!.Sent, before.Failed));

        // The mission's mailbox is fixed; the drafter asks for a resend, and the request reaches the workflow twice.
        refuse = false;
        const string key = "r-0b8f2c1d";
        await this.host.Deliveries.OpenResendAsync(id, refused.Id, key, "drafting.officer@un.example", "The mission's mailbox is fixed", CancellationToken.None);
        var request = new ResendRequest(id, 1, key, [refused.Id], 25, 16);
        string instance = ResendRequest.InstanceId(id, key);
        await this.host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ResendDeliveries), request, new StartOrchestrationOptions(instance) { Version = WorkflowVersions.Current });
        using var wait = new CancellationTokenSource(CirculationWorkflowFixture.WaitLimit);
        var done = await this.host.Client.WaitForInstanceCompletionAsync(instance, getInputsAndOutputs: true, wait.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal((1, 1, 0), done.ReadOutputAs<DeliveryTally>() is { } t ? (t.Total, t.Sent, t.Failed) : default);

        // Run again (the same request): the attempt is already sent, so nothing more goes out.
        string again = instance + ".again";
        await this.host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ResendDeliveries), request, new StartOrchestrationOptions(again) { Version = WorkflowVersions.Current });
        await this.host.Client.WaitForInstanceCompletionAsync(again, getInputsAndOutputs: true, wait.Token);

        var attempts = (await this.host.Deliveries.ListAsync(id, CancellationToken.None)).Where(a => a.MissionId == refused.Id).OrderBy(a => a.At).ToList();
        Assert.Equal([(DeliveryRecords.FirstAttempt, DeliveryState.Failed), (key, DeliveryState.Sent)], attempts.Select(a => (a.Key, a.State)));
        Assert.Equal(("drafting.officer@un.example", "The mission's mailbox is fixed"), (attempts[1].RequestedBy, attempts[1].RequestReason));
        var copy = Assert.Single(this.CopiesFor(refused, subject));
        Assert.Equal($"{id}.{refused.Id}.{key}@circulation", copy.MessageId);

        // The letter's row now counts the mission as sent (so it leaves "Needs attention"), and the timeline says both outcomes.
        var after = await this.host.ReadModel.FindAsync(id, CancellationToken.None);
        Assert.Equal((193, 193, 0), (after!.Total, after.Sent, after.Failed));
        var timeline = await this.host.ReadModel.TimelineAsync(id, CancellationToken.None);
        Assert.Equal(["192 of 193 sent, 1 failed"], timeline.Where(e => e.Kind == LetterEventKind.DistributionFinished).Select(e => e.Text));
        Assert.Equal(["1 of 1 sent", "1 of 1 sent"], timeline.Where(e => e.Kind == LetterEventKind.ResendFinished).Select(e => e.Text));
    }

    private IReadOnlyList<Mission> Missions => this.host.Missions.MembersOf(MissionDirectory.PermanentRepresentativesListId);

    private List<MimeKit.MimeMessage> CopiesFor(Mission mission, string subject) =>
        [.. this.host.Smtp.AcceptedFor(mission.Email).Select(m => m.Parse()).Where(m => m.Subject == subject)];

    private async Task<(string Id, string Subject)> SignAsync(string what, Action beforeSignature)
    {
        var (id, draft) = await this.host.StartAndSignAsync(this.tag, $"Retry test {this.tag} ({what}): the revitalization of the General Assembly", beforeSignature);
        return (id, draft.Subject);
    }
}
