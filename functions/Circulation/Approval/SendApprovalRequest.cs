using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: e-mails one approver the draft PDF and their one-time link, with what changed since the version they last saw.</summary>
public sealed class SendApprovalRequest : TaskActivity<LinkRequest, bool>
{
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly LinkUrls links;
    private readonly IMailTransport mail;
    private readonly MissionDirectory missions;

    /// <summary>Creates the activity.</summary>
    public SendApprovalRequest(LetterVersions versions, LetterArchive archive, LinkUrls links, IMailTransport mail, MissionDirectory missions)
    {
        this.missions = missions;
        this.versions = versions;
        this.archive = archive;
        this.links = links;
        this.mail = mail;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, LinkRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var draft = await this.versions.LoadAsync(input.LetterId, input.Version, CancellationToken.None);
        // The link is bound to the bytes attached here: the same the link's page shows.
        var (pdf, sha256) = await Rendition.ReadAsync(this.archive, input.LetterId, input.Version, input.Pending.RenditionSha256, CancellationToken.None);
        LetterChanges? changes = null;
        if (input.ChangedSince is int earlier && earlier != input.Version)
        {
            var seen = await this.versions.LoadAsync(input.LetterId, earlier, CancellationToken.None);
            changes = LetterChanges.Between(earlier, seen, input.Version, draft);
        }

        var link = this.links.For(input.LetterId, input.Version, input.Pending, sha256);
        string? audience = this.missions.TryGetList(draft.DistributionList, out var list) ? list.Audience : null;
        var decided = await ApprovalHistory.ReadAsync(this.archive, input.LetterId, input.Version, input.Pending.Step, CancellationToken.None);
        var request = LetterMails.ApprovalRequest(input.LetterId, input.Version, draft, input.Pending, link, pdf, changes, audience, decided);
        await this.mail.SendAsync(input.ReminderId is { } reminder ? InFlightMails.Reminder(request, reminder) : request, CancellationToken.None);
        return true;
    }
}
