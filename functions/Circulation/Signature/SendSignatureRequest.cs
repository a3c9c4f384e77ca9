using Circulation.Approval;
using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Signature;

/// <summary>Activity: e-mails the signatory the approved PDF and their one-time signing link.</summary>
public sealed class SendSignatureRequest : TaskActivity<LinkRequest, bool>
{
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly LinkUrls links;
    private readonly IMailTransport mail;
    private readonly MissionDirectory missions;

    /// <summary>Creates the activity.</summary>
    public SendSignatureRequest(LetterVersions versions, LetterArchive archive, LinkUrls links, IMailTransport mail, MissionDirectory missions)
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
        var approvals = await ApprovalHistory.ReadAsync(this.archive, input.LetterId, input.Version, draft.Approvers.Count, CancellationToken.None);
        var request = LetterMails.SignatureRequest(
            input.LetterId, input.Version, input.SignAs is { } signer ? draft with { Signatory = signer } : draft, input.Pending, link, pdf, audience, approvals);
        await this.mail.SendAsync(input.ReminderId is { } reminder ? InFlightMails.Reminder(request, reminder) : request, CancellationToken.None);
        return true;
    }
}
