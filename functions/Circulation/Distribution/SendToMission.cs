using Circulation.Approval;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Distribution;

/// <summary>
/// Activity: e-mails the signed letter to one mission and records the outcome. A mission that already
/// has an outcome is not sent to again. A permanent refusal is recorded as a failure; a transient one
/// throws so that the durable retry policy tries the whole activity again later.
/// </summary>
public sealed partial class SendToMission : TaskActivity<MissionDelivery, DeliveryOutcome>
{
    private readonly MissionDirectory directory;
    private readonly DistributionPackages packages;
    private readonly DeliveryRecords deliveries;
    private readonly IMailTransport mail;
    private readonly LinkUrls urls;
    private readonly ILogger<SendToMission> logger;

    /// <summary>Creates the activity.</summary>
    public SendToMission(
        MissionDirectory directory, DistributionPackages packages, DeliveryRecords deliveries, IMailTransport mail, LinkUrls urls, ILogger<SendToMission> logger)
    {
        this.urls = urls;
        this.directory = directory;
        this.packages = packages;
        this.deliveries = deliveries;
        this.mail = mail;
        this.logger = logger;
    }

    /// <inheritdoc/>
    public override async Task<DeliveryOutcome> RunAsync(TaskActivityContext context, MissionDelivery input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recorded = await this.deliveries.FindAsync(input.LetterId, input.MissionId, CancellationToken.None);
        if (recorded is not null)
        {
            this.LogAlreadyDelivered(input.LetterId, input.MissionId);
            return recorded;
        }

        var mission = this.directory.Find(input.MissionId);
        if (mission is null)
        {
            return await this.deliveries.RecordAsync(input.LetterId, input.MissionId, sent: false, "The mission is no longer in the directory.", CancellationToken.None);
        }

        var package = await this.packages.GetAsync(input.LetterId, input.Version, CancellationToken.None);
        MailReceipt receipt;
        try
        {
            receipt = await this.mail.SendAsync(LetterMails.MissionCopy(input.LetterId, package.Draft, mission, package.SignedPdf, this.urls.VerifyPage), CancellationToken.None);
        }
        catch (MailDeliveryException ex) when (ex.IsPermanent)
        {
            this.LogRefused(input.LetterId, input.MissionId, ex.Message);
            return await this.deliveries.RecordAsync(input.LetterId, input.MissionId, sent: false, ex.Message, CancellationToken.None);
        }

        return await this.deliveries.RecordSentAsync(input.LetterId, input.MissionId, receipt, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: mission {MissionId} already has a delivery outcome; not sending again")]
    private partial void LogAlreadyDelivered(string letterId, string missionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: the mail server refused the message to mission {MissionId}: {Reason}")]
    private partial void LogRefused(string letterId, string missionId, string reason);
}
