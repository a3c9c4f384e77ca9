using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>
/// Activity: e-mails the holder of a pending link the PDF their link is bound to and the link itself: an approver the
/// draft, with what changed since the version they last saw and the decisions so far; the signatory the approved letter,
/// with every approval. A reminder is the same mail with its own Message-ID.
/// </summary>
public sealed class SendLinkRequest : TaskActivity<LinkRequest, bool>
{
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly LinkUrls links;
    private readonly IMailTransport mail;
    private readonly MissionDirectory missions;

    /// <summary>Creates the activity.</summary>
    public SendLinkRequest(LetterVersions versions, LetterArchive archive, LinkUrls links, IMailTransport mail, MissionDirectory missions)
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
        var link = this.links.For(input.LetterId, input.Version, input.Pending, sha256);
        string? audience = this.missions.TryGetList(draft.DistributionList, out var list) ? list.Audience : null;
        var request = input.Pending.Kind == LinkPurpose.Approval
            ? await this.ApprovalRequestAsync(input, draft, link, pdf, audience)
            : await this.SignatureRequestAsync(input, draft, link, pdf, audience);
        await this.mail.SendAsync(input.ReminderId is { } reminder ? InFlightMails.Reminder(request, reminder) : request, CancellationToken.None);
        return true;
    }

    private async Task<OutgoingMail> ApprovalRequestAsync(LinkRequest input, LetterDraft draft, Uri link, byte[] pdf, string? audience)
    {
        LetterChanges? changes = null;
        if (input.ChangedSince is int earlier && earlier != input.Version)
        {
            var seen = await this.versions.LoadAsync(input.LetterId, earlier, CancellationToken.None);
            changes = LetterChanges.Between(earlier, seen, input.Version, draft);
        }

        var decided = await ApprovalHistory.ReadAsync(this.archive, input.LetterId, input.Version, input.Pending.Step, CancellationToken.None);
        return LetterMails.ApprovalRequest(input.LetterId, input.Version, draft, input.Pending, link, pdf, changes, audience, decided);
    }

    private async Task<OutgoingMail> SignatureRequestAsync(LinkRequest input, LetterDraft draft, Uri link, byte[] pdf, string? audience)
    {
        var approvals = await ApprovalHistory.ReadAsync(this.archive, input.LetterId, input.Version, draft.Approvers.Count, CancellationToken.None);
        return LetterMails.SignatureRequest(
            input.LetterId, input.Version, input.SignAs is { } signer ? draft with { Signatory = signer } : draft, input.Pending, link, pdf, audience, approvals);
    }
}
