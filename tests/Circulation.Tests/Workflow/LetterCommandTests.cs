using Circulation.Archive;
using Circulation.Domain;
using Circulation.ReadModel;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>Withdraw, remind and replace taken by the workflow on the real engine, including commands that come too late.</summary>
public sealed class LetterCommandTests : IClassFixture<CirculationWorkflowFixture>
{
    private static readonly TimeSpan LongLinkLifetime = TimeSpan.FromHours(1);
    private readonly CirculationWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public LetterCommandTests(CirculationWorkflowFixture host) => this.host = host;

    private string Subject => $"Command test {this.tag}: revitalization of the work of the General Assembly";

    private string Drafter => $"drafter.{this.tag}@un.example";

    private string Approver(int number) => $"approver{number}.{this.tag}@un.example";

    private LetterDraft Draft(int approvers) => new(
        this.Subject,
        DateOnly.FromDateTime(DateTime.UtcNow),
        "Excellency,\n\nI have the honour to inform you that the informal consultations will resume in the coming weeks.",
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        [.. Enumerable.Range(1, approvers).Select(this.Approver)],
        MissionDirectory.PermanentRepresentativesListId,
        this.Drafter);

    private const string Admin = "office.manager@un.example";

    private Task CommandAsync(
        string id, LetterCommandKind kind, string? tokenId = null, string? person = null, string reason = "Superseded by the President's statement.", string? by = null) =>
        this.host.Client.RaiseEventAsync(id, LetterCommand.EventName, new LetterCommand(kind, by ?? this.Drafter, DateTimeOffset.UtcNow, reason, tokenId, person, person is null ? null : "Karin Lindqvist", person is null ? null : "Acting President"));

    /// <summary>
    /// Waits until the letter's timeline (the read model) holds <paramref name="count"/> in-flight actions, then returns
    /// the workflow's own (small) status: it keeps the withdrawal and the replacements, not the reminders.
    /// </summary>
    private async Task<(LetterProgress Status, IReadOnlyList<LetterEvent> Actions)> WaitForActionsAsync(string id, int count)
    {
        var deadline = DateTime.UtcNow + CirculationWorkflowFixture.WaitLimit;
        IReadOnlyList<LetterEvent> actions = [];
        while (DateTime.UtcNow < deadline)
        {
            actions = [.. (await this.host.ReadModel.TimelineAsync(id, CancellationToken.None))
                .Where(e => e.Kind is LetterEventKind.Withdrawn or LetterEventKind.Reminded or LetterEventKind.Replaced)];
            if (actions.Count >= count
                && (await this.host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<LetterProgress>() is { } status)
            {
                return (status, actions);
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Letter {id} never recorded {count} action(s); the timeline has {actions.Count}.");
        throw new InvalidOperationException("Unreachable.");
    }

    private async Task<LinkRetirement?> RetirementOfAsync(string id, string tokenId) =>
        LinkRetirement.TryRead(await this.host.Archive.ReadAsync(id, ArchivePaths.LinkUse(tokenId), CancellationToken.None));

    private async Task AssertManifestAsync(string id, LetterStage stage, params LetterActionKind[] actions)
    {
        var manifest = ArchiveJson.FromBytes<LetterManifest>(
            await this.host.Archive.ReadAsync(id, ArchivePaths.Manifest, CancellationToken.None) ?? throw new InvalidOperationException("No manifest."));
        Assert.Equal(stage, manifest.Stage);
        Assert.Equal(actions, (manifest.Actions ?? []).Select(a => a.Kind));
    }

    [Fact]
    public async Task Withdraw_AwaitingApproval_EndsWithdrawnRetiresTheLinkAndTellsTheApprover()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);
        var pending = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!;

        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.Null(progress.Pending);
        var withdrawal = Assert.Single(progress.Actions!);
        Assert.Equal((this.Drafter, this.Approver(1), pending.TokenId), (withdrawal.By, withdrawal.Person, withdrawal.TokenId));
        Assert.Equal(LetterActionKind.Withdrawn, (await this.RetirementOfAsync(id, pending.TokenId))?.Action.Kind);
        await this.AssertManifestAsync(id, LetterStage.Withdrawn, LetterActionKind.Withdrawn);
        var notice = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"Withdrawn: {this.Subject}", 1));
        Assert.Equal([this.Approver(1)], notice.To);
        Assert.Contains("Superseded by the President's statement.", await this.host.Mail.PlainTextAsync(notice.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_AwaitingSignature_EndsWithdrawnAndTellsTheSignatory()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime);
        await this.host.ActAsync(id, (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!, ApprovalDecision.Approve);
        var signature = (await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0)).Pending!;

        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.Equal(LinkPurpose.Signature, Assert.Single(progress.Actions!).Purpose);
        Assert.Equal(LetterActionKind.Withdrawn, (await this.RetirementOfAsync(id, signature.TokenId))?.Action.Kind);
        Assert.Equal(["pga@un.example"], Assert.Single(await this.host.Mail.WaitForSubjectAsync($"Withdrawn: {this.Subject}", 1)).To);
        Assert.DoesNotContain(ArchivePaths.SignedPdf, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task Withdraw_ByAnAdminAwaitingApproval_TellsTheApproverAndTheDrafterWhoWithdrewItAndWhy()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime);
        await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);

        await this.CommandAsync(id, LetterCommandKind.Withdraw, by: Admin);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal((LetterStage.Withdrawn, Admin), (progress.Stage, Assert.Single(progress.Actions!).By));
        var notices = await this.host.Mail.WaitForSubjectAsync($"Withdrawn: {this.Subject}", 2);
        Assert.Equal([this.Approver(1), this.Drafter], notices.Select(m => Assert.Single(m.To)).Order(StringComparer.Ordinal).ToArray());
        string text = await this.host.Mail.PlainTextAsync(notices.Single(m => m.To.Contains(this.Drafter)).Id);
        Assert.Contains($"was withdrawn by {Admin} on ", text, StringComparison.Ordinal);
        Assert.Contains("Reason: Superseded by the President's statement.", text, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:1/letters/{id}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_ByAnAdminAfterChangesWereRequested_TellsTheDrafter()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime);
        await this.host.ActAsync(id, (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!, ApprovalDecision.RequestChanges, "Cite 78/1.");
        await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 1);

        await this.CommandAsync(id, LetterCommandKind.Withdraw, reason: "The consultations were cancelled.", by: Admin);
        Assert.Equal(LetterStage.Withdrawn, (await this.host.WaitForEndAsync(id)).Stage);

        // Nobody held a link: the drafter, who was revising it, is the one told.
        var notice = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"Withdrawn: {this.Subject}", 1));
        Assert.Equal([this.Drafter], notice.To);
        Assert.Contains("Reason: The consultations were cancelled.", await this.host.Mail.PlainTextAsync(notice.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_SavedDraft_EndsWithdrawnWithNobodyToTell()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime, asDraft: true);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 1);

        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.Null(Assert.Single(progress.Actions!).Person);
        await this.AssertManifestAsync(id, LetterStage.Withdrawn, LetterActionKind.Withdrawn);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"Withdrawn: {this.Subject}"));
    }

    [Fact]
    public async Task Withdraw_AfterChangesWereRequested_EndsWithdrawn()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime);
        await this.host.ActAsync(id, (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!, ApprovalDecision.RequestChanges, "Cite 78/1.");
        await this.host.WaitForStageAsync(id, LetterStage.ChangesRequested, 1);

        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.Equal(ApprovalDecision.RequestChanges, Assert.Single(progress.Approvals).Decision);
    }

    [Fact]
    public async Task Withdraw_RaisedRightAfterASubmission_IsNotLostWhenTheWorkflowContinuesAsNew()
    {
        var draft = this.Draft(approvers: 1);
        string id = await this.host.StartAsync(draft, LongLinkLifetime, asDraft: true);
        await this.host.WaitForStageAsync(id, LetterStage.Drafting, 1);

        await this.host.SubmitAsync(id, 1, draft);
        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Withdrawn, progress.Stage);
        Assert.NotNull(progress.SubmittedAt);
    }

    [Fact]
    public async Task Remind_PendingApprover_SendsTheSameLinkAgainAsANewMessageAndTheLinkStillWorks()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 1), LongLinkLifetime);
        var pending = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!;

        await this.CommandAsync(id, LetterCommandKind.Remind, pending.TokenId);
        var (reminded, events) = await this.WaitForActionsAsync(id, 1);

        var action = Assert.Single(events);
        Assert.Equal((LetterEventKind.Reminded, this.Drafter), (action.Kind, action.Actor));
        Assert.Contains(this.Approver(1), action.Text, StringComparison.Ordinal);
        Assert.Equal(pending with { RemindedAt = reminded.Pending!.RemindedAt }, reminded.Pending);
        Assert.NotNull(reminded.Pending.RemindedAt);
        var first = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 1));
        var reminder = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"Reminder: For approval: {this.Subject}", 1));
        Assert.Equal([this.Approver(1)], reminder.To);
        Assert.NotEqual(first.Id, reminder.Id);
        string firstText = await this.host.Mail.PlainTextAsync(first.Id);
        string link = firstText.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("http", StringComparison.Ordinal));
        Assert.Contains(link, await this.host.Mail.PlainTextAsync(reminder.Id), StringComparison.Ordinal);

        await this.host.ActAsync(id, pending, ApprovalDecision.Approve);
        await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
    }

    [Fact]
    public async Task Replace_PendingApprover_RetiresTheOldLinkAndTheNewPersonsDecisionCounts()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);
        var old = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!;
        string deputy = $"deputy.{this.tag}@un.example";

        await this.CommandAsync(id, LetterCommandKind.Replace, old.TokenId, deputy, "On leave until January.");
        var (replaced, events) = await this.WaitForActionsAsync(id, 1);

        var next = replaced.Pending!;
        Assert.Equal((LinkPurpose.Approval, 0, deputy), (next.Kind, next.Step, next.Actor));
        Assert.NotEqual(old.TokenId, next.TokenId);
        var action = Assert.Single(replaced.Actions!);
        Assert.Equal((this.Approver(1), deputy), (action.Replaced, action.Person));
        Assert.Equal($"{this.Approver(1)} replaced by {deputy}: On leave until January.", Assert.Single(events).Text);
        var retirement = await this.RetirementOfAsync(id, old.TokenId);
        Assert.Equal((LetterActionKind.Replaced, deputy, "On leave until January."), (retirement?.Action.Kind, retirement?.Action.Person, retirement?.Action.Reason));
        Assert.Equal([deputy], Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For approval: {this.Subject}", 2), m => m.To.Contains(deputy)).To);

        // The old link's event is stale now; the new person's approval moves the letter on.
        await this.host.ActAsync(id, old.TokenId, ApprovalDecision.Reject, "Old link.");
        await this.host.ActAsync(id, next, ApprovalDecision.Approve);
        var second = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1);
        Assert.Equal((deputy, ApprovalDecision.Approve), (Assert.Single(second.Approvals).Approver, second.Approvals[0].Decision));
        Assert.Equal(this.Approver(2), second.Pending!.Actor);
    }

    [Fact]
    public async Task Replace_Signatory_TheNewSignatorySignsInTheirOwnName()
    {
        var (id, _) = await this.StartAwaitingSignatureAsync();
        var old = (await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0)).Pending!;

        await this.CommandAsync(id, LetterCommandKind.Replace, old.TokenId, "vice.president@un.example", "The President is travelling.");
        var (replaced, _) = await this.WaitForActionsAsync(id, 1);
        Assert.Equal("vice.president@un.example", replaced.Pending!.Actor);
        var request = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For signature: {this.Subject}", 2), m => m.To.Contains("vice.president@un.example"));
        Assert.Contains("Dear Karin Lindqvist,", await this.host.Mail.PlainTextAsync(request.Id), StringComparison.Ordinal);

        // The status keeps whom the new signatory signs as, for the sign page: the name and title the request and the PDF use.
        var replacement = replaced.SignatoryReplacement;
        Assert.Equal(("Karin Lindqvist", "Acting President"), (replacement?.PersonName, replacement?.PersonTitle));

        await this.host.ActAsync(id, replaced.Pending, ApprovalDecision.Approve);

        // The signature record is written with the signed PDF, before the distribution (which this test leaves running).
        var deadline = DateTime.UtcNow + CirculationWorkflowFixture.WaitLimit;
        byte[]? record;
        while ((record = await this.host.Archive.ReadAsync(id, ArchivePaths.Signature(1), CancellationToken.None)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotNull(record);
        Assert.Contains("Karin Lindqvist", System.Text.Encoding.UTF8.GetString(record), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina Rahman", System.Text.Encoding.UTF8.GetString(record), StringComparison.Ordinal);
        Assert.Contains(ArchivePaths.SignedPdf, await this.host.ArchivedNamesAsync(id));
    }

    [Fact]
    public async Task RemindAndReplace_ForALinkNoLongerPending_AreIgnored()
    {
        string id = await this.host.StartAsync(this.Draft(approvers: 2), LongLinkLifetime);
        var first = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!;
        await this.host.ActAsync(id, first, ApprovalDecision.Approve);
        var second = (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 1)).Pending!;

        // Both were meant for the first approver's link; a reminder for the current one shows they were all taken.
        await this.CommandAsync(id, LetterCommandKind.Remind, first.TokenId);
        await this.CommandAsync(id, LetterCommandKind.Replace, first.TokenId, $"deputy.{this.tag}@un.example", "Too late.");
        await this.CommandAsync(id, LetterCommandKind.Remind, second.TokenId);
        var (progress, events) = await this.WaitForActionsAsync(id, 1);

        var action = Assert.Single(events);
        Assert.Equal(LetterEventKind.Reminded, action.Kind);
        Assert.Contains(this.Approver(2), action.Text, StringComparison.Ordinal);
        Assert.Equal(second.TokenId, progress.Pending!.TokenId);
        Assert.Empty(progress.Actions ?? []);
    }

    [Fact]
    public async Task Withdraw_LosingToTheSignatorysUseOfTheLinkOrAfterTheSignature_IsIgnoredAndTheLetterIsDistributed()
    {
        var (id, _) = await this.StartAwaitingSignatureAsync();
        var signature = (await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0)).Pending!;

        // The signing page claims the link before it raises the signature: a withdrawal arriving between the two loses;
        // one raised after the signature is taken after it.
        Assert.True(await this.host.Archive.TryClaimAsync(id, ArchivePaths.LinkUse(signature.TokenId), "{}"u8.ToArray(), CancellationToken.None));
        await this.CommandAsync(id, LetterCommandKind.Withdraw);
        await this.host.ActAsync(id, signature, ApprovalDecision.Approve);
        await this.CommandAsync(id, LetterCommandKind.Withdraw, reason: "After the signature.");
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Empty(progress.Actions ?? []);
        Assert.Empty(await this.host.Mail.WithSubjectAsync($"Withdrawn: {this.Subject}"));
    }

    private async Task<(string Id, LetterDraft Draft)> StartAwaitingSignatureAsync()
    {
        var draft = this.Draft(approvers: 1);
        string id = await this.host.StartAsync(draft, LongLinkLifetime);
        await this.host.ActAsync(id, (await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0)).Pending!, ApprovalDecision.Approve);
        return (id, draft);
    }
}
