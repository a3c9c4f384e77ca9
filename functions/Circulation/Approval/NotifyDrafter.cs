using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: tells the drafter how the round ended (changes requested, rejected, expired), with the comment.</summary>
public sealed class NotifyDrafter : TaskActivity<DrafterNotice, bool>
{
    private readonly IMailTransport mail;
    private readonly LinkUrls links;

    /// <summary>Creates the activity.</summary>
    public NotifyDrafter(IMailTransport mail, LinkUrls links)
    {
        this.mail = mail;
        this.links = links;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, DrafterNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var notice = LetterMails.DrafterNotice(
            input.LetterId, input.Version, input.Drafter, input.Progress, this.links.LetterPage(input.LetterId), this.links.EditPage(input.LetterId));
        await this.mail.SendAsync(notice, CancellationToken.None);
        return true;
    }
}
