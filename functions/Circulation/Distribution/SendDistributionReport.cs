using System.Globalization;
using System.Text;
using Circulation.Approval;
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
    private readonly LinkUrls links;

    /// <summary>Creates the activity.</summary>
    public SendDistributionReport(LetterArchive archive, MissionDirectory missions, IMailTransport mail, LinkUrls links)
    {
        this.links = links;
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
        var (text, html) = this.Compose(input, manifest);
        string subject = $"Circulated: {input.Progress.Subject}";
        foreach (string to in new[] { input.Drafter, input.Signatory }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await this.mail.SendAsync(
                new OutgoingMail(to, to, subject, text, html, [], $"{input.LetterId}.v{input.Version}.report.{to}@circulation"),
                CancellationToken.None);
        }

        return true;
    }

    /// <summary>The report as text and HTML: totals, each failed mission with its reason, and the letter page's link.</summary>
    private (string Text, string Html) Compose(DistributionReport input, LetterManifest manifest)
    {
        var tally = input.Progress.Deliveries;
        Uri page = this.links.LetterPage(input.LetterId);
        var text = new StringBuilder();
        var html = new StringBuilder();
        string headline = $"The letter \"{input.Progress.Subject}\" ({input.LetterId}, version {input.Version}) has been distributed.";
        string totals = $"Sent to {tally.Sent} of {tally.Total} missions; {tally.Failed} could not be reached.";
        text.Append(headline).AppendLine().AppendLine().Append(totals).AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(headline)}</p><p><b>{Enc(totals)}</b></p>");
        var failed = manifest.MissionDeliveries.Where(d => !d.Sent).OrderBy(d => d.MissionId, StringComparer.Ordinal).ToList();
        if (failed.Count > 0)
        {
            text.AppendLine().AppendLine("Not delivered:");
            html.Append("<p>Not delivered:</p><ul>");
            foreach (var delivery in failed.Take(MaxFailuresListed))
            {
                string name = this.missions.Find(delivery.MissionId)?.Name ?? delivery.MissionId;
                string reason = delivery.Reason ?? "no reason recorded";
                text.Append(CultureInfo.InvariantCulture, $"- {name}: {reason}").AppendLine();
                html.Append(CultureInfo.InvariantCulture, $"<li><b>{Enc(name)}</b>: {Enc(reason)}</li>");
            }

            if (failed.Count > MaxFailuresListed)
            {
                string more = $"and {failed.Count - MaxFailuresListed} more (see the letter's page).";
                text.Append("- ").Append(more).AppendLine();
                html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(more)}</li>");
            }

            html.Append("</ul>");
        }

        string pageText = failed.Count > 0
            ? "Every mission's delivery, and the resend actions, are on the letter's page:"
            : "Every mission's delivery is on the letter's page:";
        text.AppendLine().AppendLine(pageText).Append(page.ToString()).AppendLine();
        html.Append(CultureInfo.InvariantCulture, $"<p>{Enc(pageText)} <a href=\"{Enc(page.ToString())}\">{Enc(page.ToString())}</a></p>");
        return (text.ToString(), html.ToString());
    }

    private static string Enc(string value) => System.Net.WebUtility.HtmlEncode(value);
}
