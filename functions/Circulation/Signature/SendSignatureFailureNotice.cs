using Circulation.Approval;
using Circulation.Mail;
using Circulation.Staff;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Signature;

/// <summary>
/// Activity: e-mails the drafter and every admin of the staff directory that a letter's digital signature failed, with
/// the reason and the letter's page, where an admin can retry. A refused address is logged and skipped, so the others
/// are still told; returns how many were told.
/// </summary>
public sealed partial class SendSignatureFailureNotice : TaskActivity<SignatureFailureNotice, int>
{
    private readonly IMailTransport mail;
    private readonly LinkUrls links;
    private readonly StaffDirectory staff;
    private readonly ILogger<SendSignatureFailureNotice> logger;

    /// <summary>Creates the activity.</summary>
    public SendSignatureFailureNotice(IMailTransport mail, LinkUrls links, StaffDirectory staff, ILogger<SendSignatureFailureNotice> logger)
    {
        this.mail = mail;
        this.links = links;
        this.staff = staff;
        this.logger = logger;
    }

    /// <summary>Who is told: the drafter first, then the admins, each once.</summary>
    public static IReadOnlyList<string> RecipientsOf(string drafter, StaffDirectory staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return [.. new[] { drafter }.Concat(staff.People.Where(p => p.Has(StaffRole.Admin)).Select(p => p.Email)).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <inheritdoc/>
    public override async Task<int> RunAsync(TaskActivityContext context, SignatureFailureNotice input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var page = this.links.LetterPage(input.LetterId);
        int told = 0;
        foreach (string recipient in RecipientsOf(input.Drafter, this.staff))
        {
            try
            {
                await this.mail.SendAsync(SignatureMails.Failure(input, recipient, page), CancellationToken.None);
                told++;
            }
            catch (MailRefusedException ex)
            {
                this.LogRefused(input.LetterId, recipient, ex.Message);
            }
        }

        return told;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: {Recipient} could not be told that the signature failed: {Reason}")]
    private partial void LogRefused(string letterId, string recipient, string reason);
}
