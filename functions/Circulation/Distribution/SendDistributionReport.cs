using System.Globalization;
using System.Text;
using Circulation.Archive;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Distribution;

/// <summary>
/// Activity: tells the drafter and the signatory that distribution ended: how many missions received the letter and
/// which could not be reached, and why (from the manifest, written just before). One message each, with a
/// deterministic Message-ID, so a retried activity sends a recognisable duplicate at worst.
/// </summary>
public sealed class SendDistributionReport : TaskActivity<DistributionReport, bool>
{
    /// <summary>At most this many failed missions are named in the message; the manifest has them all.</summary>
    internal const int MaxFailuresListed = 50;

    private readonly LetterArchive archive;
    private readonly MissionDirectory missions;
    private readonly IMailTransport mail;

    /// <summary>Creates the activity.</summary>
    public SendDistributionReport(LetterArchive archive, MissionDirectory missions, IMailTransport mail)
    {
        this.archive = archive;
        this.missions = missions;
        this.mail = mail;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, DistributionReport input)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] manifestBytes = await this.archive.ReadAsync(input.LetterId, ArchivePaths.Manifest, CancellationToken.None)
            ?? throw new InvalidOperationException($"Letter {input.LetterId} has no manifest; the report is sent after it is written.");
        var manifest = ArchiveJson.FromBytes<LetterManifest>(manifestBytes);
        string text = Compose(input, manifest);
        string subject = $"Circulated: {input.Progress.Subject}";
        foreach (string to in new[] { input.Drafter, input.Signatory }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await this.mail.SendAsync(
                new OutgoingMail(to, to, subject, text, null, [], $"{input.LetterId}.v{input.Version}.report.{to}@circulation"),
                CancellationToken.None);
        }

        return true;
    }

    private string Compose(DistributionReport input, LetterManifest manifest)
    {
        var tally = input.Progress.Deliveries;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"The letter \"{input.Progress.Subject}\" ({input.LetterId}, version {input.Version}) has been distributed.")
            .AppendLine().AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Sent to {tally.Sent} of {tally.Total} missions; {tally.Failed} could not be reached.")
            .AppendLine();
        var failed = manifest.MissionDeliveries.Where(d => !d.Sent).OrderBy(d => d.MissionId, StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine().AppendLine("Not delivered:");
            foreach (var delivery in failed.Take(MaxFailuresListed))
            {
                string name = this.missions.Find(delivery.MissionId)?.Name ?? delivery.MissionId;
                text.Append(CultureInfo.InvariantCulture, $"- {name}: {delivery.Reason ?? "no reason recorded"}").AppendLine();
            }

            if (failed.Count > MaxFailuresListed)
            {
                text.Append(CultureInfo.InvariantCulture, $"- and {failed.Count - MaxFailuresListed} more (see the letter's manifest).").AppendLine();
            }
        }

        return text.ToString();
    }
}
