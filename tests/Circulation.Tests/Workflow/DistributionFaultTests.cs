using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Tests.TestSupport.Smtp;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>Distribution through a mail server that throttles, drops and refuses (the scripted SMTP server).</summary>
public sealed class DistributionFaultTests : IClassFixture<ScriptedSmtpWorkflowFixture>
{
    private readonly ScriptedSmtpWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public DistributionFaultTests(ScriptedSmtpWorkflowFixture host) => this.host = host;

    private ScriptedSmtpServer Smtp => this.host.Smtp;

    [Fact]
    public async Task CirculateLetter_ServerRefusesOneMissionAndThrottlesOthers_CompletesRecordingTheRefusalAndSendsEveryOtherMissionOnce()
    {
        var missions = this.host.Missions.MembersOf(MissionDirectory.PermanentRepresentativesListId);
        var refused = missions[7];
        var throttled = missions[30];
        var droppedMidData = missions[60];
        var closedAfterData = missions[90];
        var throttledBeyondPolly = missions[120];
        this.Smtp.FailAlways(refused.Email, SmtpFault.MailboxUnavailable);
        this.Smtp.FailFirst(throttled.Email, 2, SmtpFault.Throttled);
        this.Smtp.FailFirst(droppedMidData.Email, 1, SmtpFault.Drop(SmtpStage.MidData));
        this.Smtp.FailFirst(closedAfterData.Email, 1, SmtpFault.Reply(SmtpStage.EndOfData, 421, "4.7.0 Too many messages this session, closing"));

        // More throttled attempts than Polly makes inside one activity: the workflow tries the mission again in a later round.
        this.Smtp.FailFirst(throttledBeyondPolly.Email, ScriptedSmtpWorkflowFixture.TransientRetries + 1, SmtpFault.Throttled);

        // And the server turns away every seventh connection at the greeting, whoever it is for.
        this.Smtp.ScriptConnections(n => n % 7 == 0 ? SmtpFault.Reply(SmtpStage.Greeting, 421, "4.3.2 Too many connections, try again later") : null);

        var (id, draft) = await this.host.StartAndSignAsync(this.tag, $"Fault test {this.tag}: informal consultations on the revitalization of the General Assembly");
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal((193, 192, 1), (progress.Deliveries.Total, progress.Deliveries.Sent, progress.Deliveries.Failed));

        string serverReason = SmtpFault.MailboxUnavailable.ReplyLine;
        var record = await this.host.Deliveries.FindAsync(id, refused.Id, CancellationToken.None);
        Assert.NotNull(record);
        Assert.False(record.Sent);
        Assert.Contains(serverReason, record.Reason, StringComparison.Ordinal);
        Assert.Contains(refused.Email, record.Reason, StringComparison.Ordinal);

        byte[]? manifestJson = await this.host.Archive.ReadAsync(id, ArchivePaths.Manifest, CancellationToken.None);
        Assert.NotNull(manifestJson);
        var manifest = ArchiveJson.FromBytes<LetterManifest>(manifestJson);
        Assert.Equal(LetterStage.Distributed, manifest.Stage);
        Assert.Equal((193, 192, 1), (manifest.Deliveries.Total, manifest.Deliveries.Sent, manifest.Deliveries.Failed));
        Assert.Equal(missions.Select(m => m.Id).Order(StringComparer.Ordinal), manifest.MissionDeliveries.Select(d => d.MissionId).Order(StringComparer.Ordinal));
        var failed = Assert.Single(manifest.MissionDeliveries, d => !d.Sent);
        Assert.Equal((refused.Id, record.Reason), (failed.MissionId, failed.Reason));

        Assert.Empty(this.Smtp.AcceptedFor(refused.Email));
        Assert.Equal(1, this.Smtp.AttemptsFor(refused.Email));
        Assert.All(missions.Where(m => m != refused), m =>
        {
            var message = Assert.Single(this.Smtp.AcceptedFor(m.Email)).Parse();
            Assert.Equal(draft.Subject, message.Subject);
            Assert.Equal($"{id}.{m.Id}@circulation", message.MessageId);
            Assert.Equal($"{draft.Date:yyyy-MM-dd} Letter from the President of the General Assembly.pdf", Assert.Single(message.Attachments).ContentDisposition?.FileName);
        });
        Assert.Equal(3, this.Smtp.AttemptsFor(throttled.Email));
        Assert.Equal(2, this.Smtp.AttemptsFor(droppedMidData.Email));
        Assert.Equal(2, this.Smtp.AttemptsFor(closedAfterData.Email));
        Assert.Equal(ScriptedSmtpWorkflowFixture.TransientRetries + 2, this.Smtp.AttemptsFor(throttledBeyondPolly.Email));
    }

    [Fact]
    public async Task CirculateLetter_ServerRefusesApproversAddress_ReturnsLetterToDrafterWithTheReasonWithoutRetrying()
    {
        string approver = $"no-such-approver.{this.tag}@un.example";
        string drafter = $"drafter.{this.tag}@un.example";
        this.Smtp.FailAlways(approver, SmtpFault.MailboxUnavailable);
        var draft = new LetterDraft(
            $"Fault test {this.tag}: programme of the high-level week",
            DateOnly.FromDateTime(DateTime.UtcNow),
            "I have the honour to transmit the programme of the high-level week.",
            new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
            [approver],
            MissionDirectory.PermanentRepresentativesListId,
            drafter);

        string id = await this.host.StartAsync(draft, TimeSpan.FromHours(1));
        var progress = await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, version: 1);

        Assert.Null(progress.Pending);
        Assert.Empty(progress.Approvals);
        Assert.Contains(approver, progress.Note, StringComparison.Ordinal);
        Assert.Contains(SmtpFault.MailboxUnavailable.ReplyLine, progress.Note, StringComparison.Ordinal);
        Assert.Equal(1, this.Smtp.AttemptsFor(approver));
        // The status changes before the drafter's notice goes out.
        for (int i = 0; i < 200 && this.Smtp.AcceptedFor(drafter).Count == 0; i++)
        {
            await Task.Delay(50);
        }

        var notice = Assert.Single(this.Smtp.AcceptedFor(drafter)).Parse();
        Assert.StartsWith("Changes requested:", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("could not be delivered", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains(approver, notice.TextBody, StringComparison.Ordinal);
    }
}
