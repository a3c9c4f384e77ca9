using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.ReadModel;
using Circulation.Signature;
using Circulation.Staff;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>
/// Faults in the signing step (an unreachable timestamp authority, Key Vault refusing) on the real engine: they are
/// retried, a letter whose retries are spent waits in "Signature failed" with nothing sent, and an admin's retry signs
/// and distributes it once. The signing step is <see cref="FaultySigner"/>, which fails as armed, then signs for real.
/// </summary>
public sealed class SignatureFaultTests : IClassFixture<SignatureFaultWorkflowFixture>
{
    private const string Admin = "office.manager@un.example";
    private readonly SignatureFaultWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public SignatureFaultTests(SignatureFaultWorkflowFixture host) => this.host = host;

    private string Subject => $"Signature fault test {this.tag}: revitalization of the work of the General Assembly";

    private string Drafter => $"drafter.{this.tag}@un.example";

    private LetterDraft Draft => new(
        this.Subject,
        DateOnly.FromDateTime(DateTime.UtcNow),
        "Excellency,\n\nI have the honour to inform you that the informal consultations will resume in the coming weeks.",
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        [$"approver.{this.tag}@un.example"],
        MissionDirectory.PermanentRepresentativesListId,
        this.Drafter);

    /// <summary>Starts a one-approver letter, approves it, arms <paramref name="failures"/> signing faults, and signs it.</summary>
    private async Task<string> StartApproveAndSignAsync(int failures)
    {
        string id = await this.host.StartAsync(this.Draft, TimeSpan.FromHours(1));
        await this.host.ActAsync(id, (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!, ApprovalDecision.Approve);
        var signature = await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        FaultySigner.FailNext(id, failures);
        await this.host.ActAsync(id, signature.Pending!, ApprovalDecision.Approve);
        return id;
    }

    private Task CommandAsync(string id, LetterCommandKind kind, string by = Admin, string? reason = null) =>
        this.host.Client.RaiseEventAsync(id, LetterCommand.EventName, new LetterCommand(kind, by, DateTimeOffset.UtcNow, reason));

    private async Task<IReadOnlyList<LetterEvent>> TimelineAsync(string id) => await this.host.ReadModel.TimelineAsync(id, CancellationToken.None);

    private int MissionCount => this.host.Missions.MembersOf(MissionDirectory.PermanentRepresentativesListId).Count;

    [Fact]
    public async Task SigningFaults_FewerThanTheRetries_AreRetriedAndTheLetterIsDistributed()
    {
        string id = await this.StartApproveAndSignAsync(failures: WorkflowRetries.SigningAttempts - 1);

        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal(this.MissionCount, progress.Deliveries.Sent);
        Assert.Equal(WorkflowRetries.SigningAttempts, FaultySigner.CallsFor(id));
        Assert.DoesNotContain(await this.TimelineAsync(id), e => e.Kind == LetterEventKind.SignatureFailed);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"Signature failed: {this.Subject}"));
    }

    [Fact]
    public async Task SigningFaults_OutlastingTheRetries_LeaveTheLetterInSignatureFailedWithTheReasonTellTheDrafterAndAdminsAndSendNothingToMissions()
    {
        string id = await this.StartApproveAndSignAsync(failures: WorkflowRetries.SigningAttempts);

        var progress = await this.host.WaitForStageAsync(id, LetterStage.SignatureFailed, 1);

        Assert.Equal(FaultySigner.Reason, progress.Note);
        Assert.Null(progress.SignedAt);
        Assert.Equal(WorkflowRetries.SigningAttempts, FaultySigner.CallsFor(id));
        var failed = Assert.Single(await this.TimelineAsync(id), e => e.Kind == LetterEventKind.SignatureFailed);
        Assert.Equal(FaultySigner.Reason, failed.Text);

        var staff = StaffDirectory.LoadEmbedded();
        var told = SendSignatureFailureNotice.RecipientsOf(this.Drafter, staff);
        Assert.Equal([this.Drafter, .. staff.People.Where(p => p.Has(StaffRole.Admin)).Select(p => p.Email)], told);
        var notices = await this.host.Mail.WaitForSubjectAsync($"Signature failed: {this.Subject}", told.Count);
        Assert.Equal(told.Order(StringComparer.OrdinalIgnoreCase), notices.Select(m => Assert.Single(m.To)).Order(StringComparer.OrdinalIgnoreCase));
        string text = await this.host.Mail.PlainTextAsync(notices[0].Id);
        Assert.Contains($"Reason: {FaultySigner.Reason}", text, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:1/letters/{id}", text, StringComparison.Ordinal);

        // Nothing went to any mission and nothing signed was archived.
        Assert.Empty(this.host.MissionCopies(this.Subject));
        Assert.DoesNotContain(ArchivePaths.SignedPdf, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task RetrySignature_ByAnAdminAfterTheFaultCleared_SignsAndDistributesTheLetterOnce()
    {
        string id = await this.StartApproveAndSignAsync(failures: WorkflowRetries.SigningAttempts);
        await this.host.WaitForStageAsync(id, LetterStage.SignatureFailed, 1);

        await this.CommandAsync(id, LetterCommandKind.RetrySignature);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal(this.MissionCount, progress.Deliveries.Sent);
        Assert.Equal(WorkflowRetries.SigningAttempts + 1, FaultySigner.CallsFor(id));
        var retried = Assert.Single(progress.Actions!, a => a.Kind == LetterActionKind.SignatureRetried);
        Assert.Equal(Admin, retried.By);
        var timeline = await this.TimelineAsync(id);
        Assert.Equal(Admin, Assert.Single(timeline, e => e.Kind == LetterEventKind.SignatureRetried).Actor);
        Assert.Single(timeline, e => e.Kind == LetterEventKind.Signed);
        Assert.Single(timeline, e => e.Kind == LetterEventKind.DistributionFinished);
        var copies = this.host.MissionCopies(this.Subject);
        Assert.Equal(this.MissionCount, copies.Count);
        Assert.Equal(copies.Count, copies.Select(m => Assert.Single(m.To.Mailboxes).Address).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(ArchivePaths.SignedPdf, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task Withdraw_ByAnAdminWhileTheSignatureFailed_EndsWithdrawnTellsTheDrafterAndSendsNothingToMissions()
    {
        string id = await this.StartApproveAndSignAsync(failures: WorkflowRetries.SigningAttempts);
        await this.host.WaitForStageAsync(id, LetterStage.SignatureFailed, 1);

        await this.CommandAsync(id, LetterCommandKind.Withdraw, reason: "The timestamp authority cannot be reached this week.");
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.Equal(WorkflowRetries.SigningAttempts, FaultySigner.CallsFor(id));
        Assert.Equal([this.Drafter], Assert.Single(await this.host.Mail.WaitForSubjectAsync($"Withdrawn: {this.Subject}", 1)).To);
        Assert.Empty(this.host.MissionCopies(this.Subject));
        Assert.DoesNotContain(ArchivePaths.SignedPdf, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task RetrySignature_WhileTheLetterAwaitsApproval_IsIgnored()
    {
        string id = await this.host.StartAsync(this.Draft, TimeSpan.FromHours(1));
        var pending = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!;

        await this.CommandAsync(id, LetterCommandKind.RetrySignature);

        // Commands are taken in order: once the reminder raised after it is in the timeline, the retry was taken and ignored.
        await this.host.Client.RaiseEventAsync(id, LetterCommand.EventName, new LetterCommand(LetterCommandKind.Remind, Admin, DateTimeOffset.UtcNow, TokenId: pending.TokenId));
        var deadline = DateTime.UtcNow + CirculationWorkflowFixture.WaitLimit;
        while (!(await this.TimelineAsync(id)).Any(e => e.Kind == LetterEventKind.Reminded) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var timeline = await this.TimelineAsync(id);
        Assert.Contains(timeline, e => e.Kind == LetterEventKind.Reminded);
        Assert.DoesNotContain(timeline, e => e.Kind == LetterEventKind.SignatureRetried);
        var status = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        Assert.Equal((LetterStage.AwaitingApproval, pending.TokenId), (status.Stage, status.Pending!.TokenId));
        Assert.Equal(0, FaultySigner.CallsFor(id));
    }
}
