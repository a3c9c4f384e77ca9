using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: tells the drafter that the round ended without circulation, with the comment.</summary>
public sealed class NotifyDrafter : TaskActivity<DrafterNotice, bool>
{
    private readonly IMailTransport mail;

    /// <summary>Creates the activity.</summary>
    public NotifyDrafter(IMailTransport mail) => this.mail = mail;

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, DrafterNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.mail.SendAsync(LetterMails.DrafterNotice(input.LetterId, input.Version, input.Drafter, input.Progress), CancellationToken.None);
        return true;
    }
}
