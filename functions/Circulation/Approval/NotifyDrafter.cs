using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;

namespace Circulation.Approval;

/// <summary>Activity: tells the drafter how the round ended (changes requested, rejected, expired), with the comment.</summary>
public sealed class NotifyDrafter : TaskActivity<DrafterNotice, bool>
{
    private readonly IMailTransport mail;
    private readonly string baseUrl;

    /// <summary>Creates the activity.</summary>
    public NotifyDrafter(IMailTransport mail, IOptions<LinkOptions> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        this.mail = mail;
        this.baseUrl = links.Value.PublicBaseUrl.TrimEnd('/');
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, DrafterNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var staffForm = new Uri($"{this.baseUrl}/#{input.LetterId}");
        await this.mail.SendAsync(LetterMails.DrafterNotice(input.LetterId, input.Version, input.Drafter, input.Progress, staffForm), CancellationToken.None);
        return true;
    }
}
