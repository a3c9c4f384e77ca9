using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: e-mails the person who had a pending link that the letter was withdrawn.</summary>
public sealed class SendWithdrawalNotice : TaskActivity<WithdrawalNotice, bool>
{
    private readonly IMailTransport mail;

    /// <summary>Creates the activity.</summary>
    public SendWithdrawalNotice(IMailTransport mail) => this.mail = mail;

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, WithdrawalNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await this.mail.SendAsync(InFlightMails.Withdrawal(input), CancellationToken.None);
        return true;
    }
}
