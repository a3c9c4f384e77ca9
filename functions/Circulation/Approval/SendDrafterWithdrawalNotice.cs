using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: e-mails the drafter that someone else withdrew their letter, with who, why and the letter's page.</summary>
public sealed class SendDrafterWithdrawalNotice : TaskActivity<DrafterWithdrawalNotice, bool>
{
    private readonly IMailTransport mail;
    private readonly LinkUrls links;

    /// <summary>Creates the activity.</summary>
    public SendDrafterWithdrawalNotice(IMailTransport mail, LinkUrls links)
    {
        this.mail = mail;
        this.links = links;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, DrafterWithdrawalNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.mail.SendAsync(InFlightMails.DrafterWithdrawal(input, this.links.LetterPage(input.LetterId)), CancellationToken.None);
        return true;
    }
}
