using System.Collections.Concurrent;
using Circulation.Approval;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Distribution;

/// <summary>
/// Activity: e-mails the signed letter to a batch of missions, several at once, and records each outcome as it comes.
/// A mission that already has an outcome is not sent to again (a crashed run of this step leaves some). A refusal is
/// the mission's failure; a transient mail failure is handed back to the workflow to try later, or recorded as the
/// failure on the mission's last try; a storage fault is always handed back, never recorded as a failure.
/// One activity call for many missions keeps the workflow's own overhead (a round trip and a history replay per
/// activity) out of the way of the mail service's pace.
/// </summary>
public sealed partial class SendToMissions : TaskActivity<MissionBatch, BatchResult>
{
    private readonly MissionDirectory directory;
    private readonly DistributionPackages packages;
    private readonly DeliveryRecords deliveries;
    private readonly IMailTransport mail;
    private readonly LinkUrls urls;
    private readonly ILogger<SendToMissions> logger;

    /// <summary>Creates the activity.</summary>
    public SendToMissions(
        MissionDirectory directory, DistributionPackages packages, DeliveryRecords deliveries, IMailTransport mail, LinkUrls urls, ILogger<SendToMissions> logger)
    {
        this.urls = urls;
        this.directory = directory;
        this.packages = packages;
        this.deliveries = deliveries;
        this.mail = mail;
        this.logger = logger;
    }

    /// <inheritdoc/>
    public override async Task<BatchResult> RunAsync(TaskActivityContext context, MissionBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DistributionPackage package;
        Dictionary<string, DeliveryAttempt> recorded;
        try
        {
            package = await this.packages.GetAsync(input.LetterId, input.Version, CancellationToken.None);
            string key = input.ResendKey ?? DeliveryRecords.FirstAttempt;
            recorded = (await this.deliveries.ListAsync(input.LetterId, CancellationToken.None))
                .Where(a => a.Key == key && a.State != DeliveryState.Pending)
                .ToDictionary(a => a.MissionId, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            this.LogStorageFault(input.LetterId, input.MissionIds.Count, ex.Message);
            string reason = StorageReason(ex);
            return new BatchResult(0, 0, [.. input.MissionIds.Select(id => new MissionRetry(id, RetryCause.Storage, reason))]);
        }

        var lastTry = new HashSet<string>(input.LastTry ?? [], StringComparer.Ordinal);
        var results = new ConcurrentBag<MissionResult>();
        await Parallel.ForEachAsync(
            input.MissionIds,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, input.Parallelism) },
            async (missionId, ct) => results.Add(recorded.TryGetValue(missionId, out var done)
                ? new MissionResult(done.State == DeliveryState.Sent, null)
                : await this.SendAsync(input, package, missionId, lastTry.Contains(missionId))));

        return new BatchResult(
            results.Count(r => r.Retry is null && r.Sent),
            results.Count(r => r.Retry is null && !r.Sent),
            [.. results.Where(r => r.Retry is not null).Select(r => r.Retry!).OrderBy(r => r.MissionId, StringComparer.Ordinal)]);
    }

    private static string StorageReason(Exception ex) => $"Storage was not available ({ex.GetType().Name}); it will be tried again.";

    private async Task<MissionResult> SendAsync(MissionBatch batch, DistributionPackage package, string missionId, bool lastTry)
    {
        string letterId = batch.LetterId;
        var mission = this.directory.Find(missionId);
        if (mission is null)
        {
            return await this.RecordFailureAsync(batch, missionId, "The mission is no longer in the directory.");
        }

        var copy = LetterMails.MissionCopy(letterId, package.Draft, mission, package.SignedPdf, this.urls.VerifyPage);
        if (batch.ResendKey is { } key)
        {
            // A resend is a new message: its own identity, so the mail system's look-up does not take it for the first copy.
            copy = copy with
            {
                MessageId = $"{letterId}.{mission.Id}.{key}@circulation",
                Headers = new Dictionary<string, string> { [LetterMails.MissionHeader] = $"letter={letterId}; mission={mission.Id}; resend={key}" },
            };
        }

        MailReceipt receipt;
        try
        {
            receipt = await this.mail.SendAsync(copy, CancellationToken.None);
        }
        catch (MailboxBudgetExhaustedException ex)
        {
            // Nothing was sent and no try is used up: the workflow waits until a mailbox has room.
            this.LogRetry(letterId, missionId, ex.Message);
            return new MissionResult(false, new MissionRetry(missionId, RetryCause.MailboxBudget, ex.Message, ex.Until));
        }
        catch (MailDeliveryException ex) when (ex.IsPermanent || lastTry)
        {
            this.LogFailed(letterId, missionId, ex.Message);
            return await this.RecordFailureAsync(batch, missionId, ex.Message);
        }
        catch (MailDeliveryException ex)
        {
            this.LogRetry(letterId, missionId, ex.Message);
            return new MissionResult(false, new MissionRetry(missionId, RetryCause.Mail, ex.Message));
        }

        return await this.RecordAsync(letterId, missionId, () => batch.ResendKey is { } resend
            ? this.CloseResendAsync(letterId, missionId, resend, receipt, null)
            : this.deliveries.RecordSentAsync(letterId, missionId, receipt, CancellationToken.None));
    }

    private Task<MissionResult> RecordFailureAsync(MissionBatch batch, string missionId, string reason) =>
        this.RecordAsync(batch.LetterId, missionId, () => batch.ResendKey is { } resend
            ? this.CloseResendAsync(batch.LetterId, missionId, resend, null, reason)
            : this.deliveries.RecordAsync(batch.LetterId, missionId, sent: false, reason, CancellationToken.None));

    private async Task<DeliveryOutcome> CloseResendAsync(string letterId, string missionId, string key, MailReceipt? receipt, string? failure) =>
        DeliveryRecords.ToOutcome(await this.deliveries.CloseResendAsync(letterId, missionId, key, receipt, failure, CancellationToken.None));

    private async Task<MissionResult> RecordAsync(string letterId, string missionId, Func<Task<DeliveryOutcome>> record)
    {
        try
        {
            var outcome = await record();
            return new MissionResult(outcome.Sent, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next try finds the message already sent (Graph looks it up by its identity) or sends it again (SMTP).
            this.LogStorageFault(letterId, 1, ex.Message);
            return new MissionResult(false, new MissionRetry(missionId, RetryCause.Storage, StorageReason(ex)));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: the copy to mission {MissionId} failed: {Reason}")]
    private partial void LogFailed(string letterId, string missionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: the copy to mission {MissionId} will be tried again: {Reason}")]
    private partial void LogRetry(string letterId, string missionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: storage failed around {Count} mission(s); they will be tried again: {Reason}")]
    private partial void LogStorageFault(string letterId, int count, string reason);

    private sealed record MissionResult(bool Sent, MissionRetry? Retry);
}
