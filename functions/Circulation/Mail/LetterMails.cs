using System.Globalization;
using System.Net;
using Circulation.Approval;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;

namespace Circulation.Mail;

/// <summary>The wording of every message Circulation sends.</summary>
public static class LetterMails
{
    /// <summary>The custom header naming the letter and mission of a mission's copy (identity beside its Message-ID).</summary>
    public const string MissionHeader = "x-circulation-delivery";

    /// <summary>The file name a letter's PDF is attached under (staff copies: the letter id, and the version of a draft).</summary>
    public static string PdfName(string letterId, int version, bool signed) =>
        signed ? $"{letterId}.pdf" : string.Create(CultureInfo.InvariantCulture, $"{letterId}-v{version}-draft.pdf");

    /// <summary>
    /// The file name missions receive the signed letter under: its date (yyyy-MM-dd, so files sort by date) and who it
    /// is from, from the signatory's title, e.g. "2026-12-03 Letter from the President of the General Assembly.pdf".
    /// Characters a file system refuses are dropped and the title is cut at 120 characters.
    /// </summary>
    public static string SignedPdfName(LetterDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        string title = new([.. draft.Signatory.Title.Where(c => !char.IsControl(c) && !InvalidFileNameChars.Contains(c))]);
        title = string.Join(' ', title.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (title.Length > 120)
        {
            title = title[..120].TrimEnd();
        }

        string from = title.Length == 0 ? "Letter" : title.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? $"Letter from {title}" : $"Letter from the {title}";
        return string.Create(CultureInfo.InvariantCulture, $"{draft.Date:yyyy-MM-dd} {from}.pdf");
    }

    /// <summary>
    /// Asks an approver to review a version; <paramref name="changes"/> (since the version they last saw) is summarized,
    /// with the drafter, who the letter goes to (<paramref name="audience"/>, e.g. "All Permanent Representatives, 193
    /// missions") and the earlier approvers' decisions and comments of this round.
    /// </summary>
    public static OutgoingMail ApprovalRequest(
        string letterId, int version, LetterDraft draft, PendingAction pending, Uri link, ReadOnlyMemory<byte> pdf, LetterChanges? changes = null,
        string? audience = null, IReadOnlyList<ApprovalRecord>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(pending);
        string expires = pending.ExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string changesText = changes is null
            ? ""
            : $"""

              Changes since version {changes.FromVersion}, which you last saw: {changes.Summary}
              {changes.ToPlainText()}
              """;
        string changesHtml = changes is null
            ? ""
            : $"""<h3 style="font-size:1em">Changes since version {changes.FromVersion}, which you last saw</h3><p>{Enc(changes.Summary)}</p>{changes.ToHtml()}""";
        string text = $"""
            A letter awaits your approval (approver {pending.Step + 1} of {draft.Approvers.Count}).

            Subject: {draft.Subject}
            Signatory: {draft.Signatory.Name}, {draft.Signatory.Title}
            {RoundText(draft, audience, earlier)}Letter: {letterId}, version {version}
            {changesText}
            The draft is attached. To approve it, request changes or reject it, open:
            {link}

            The link works once and expires on {expires}.
            """;
        string html = $"""
            <p>A letter awaits your approval (approver {pending.Step + 1} of {draft.Approvers.Count}).</p>
            <p><b>Subject:</b> {Enc(draft.Subject)}<br><b>Signatory:</b> {Enc(draft.Signatory.Name)}, {Enc(draft.Signatory.Title)}<br>{RoundHtml(draft, audience)}<b>Letter:</b> {letterId}, version {version}</p>
            {DecisionsHtml(earlier)}
            {changesHtml}
            <p>The draft is attached. <a href="{Enc(link.ToString())}">Review the letter</a> to approve it, request changes or reject it.</p>
            <p>The link works once and expires on {expires}.</p>
            """;
        return new OutgoingMail(
            pending.Actor, pending.Actor, $"For approval: {draft.Subject}", text, html,
            [new MailAttachment(PdfName(letterId, version, signed: false), "application/pdf", pdf)],
            $"{letterId}.v{version}.{pending.TokenId}@circulation");
    }

    /// <summary>Asks the signatory to sign the approved version, naming the drafter, the audience and every approver's decision.</summary>
    public static OutgoingMail SignatureRequest(
        string letterId, int version, LetterDraft draft, PendingAction pending, Uri link, ReadOnlyMemory<byte> pdf, string? audience = null, IReadOnlyList<ApprovalRecord>? approvals = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(pending);
        string expires = pending.ExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string text = $"""
            Dear {draft.Signatory.Name},

            The letter "{draft.Subject}" has been approved by all {draft.Approvers.Count} approver(s) and awaits your signature.
            Once signed it is sent to every mission on the list.

            {RoundText(draft, audience, approvals)}
            The approved text is attached. To sign, open:
            {link}

            The link works once and expires on {expires}.
            """;
        string html = $"""
            <p>Dear {Enc(draft.Signatory.Name)},</p>
            <p>The letter <b>{Enc(draft.Subject)}</b> has been approved by all {draft.Approvers.Count} approver(s) and awaits your signature. Once signed it is sent to every mission on the list.</p>
            <p>{RoundHtml(draft, audience)}</p>
            {DecisionsHtml(approvals)}
            <p>The approved text is attached. <a href="{Enc(link.ToString())}">Open the letter to sign it</a>.</p>
            <p>The link works once and expires on {expires}.</p>
            """;
        return new OutgoingMail(
            pending.Actor, draft.Signatory.Name, $"For signature: {draft.Subject}", text, html,
            [new MailAttachment(PdfName(letterId, version, signed: false), "application/pdf", pdf)],
            $"{letterId}.v{version}.{pending.TokenId}@circulation");
    }

    /// <summary>
    /// Tells the drafter how a round ended (changes requested, rejected, expired), linking the letter's page, or its
    /// edit view (<paramref name="editPage"/>) when the drafter is to revise it.
    /// </summary>
    public static OutgoingMail DrafterNotice(string letterId, int version, string drafter, LetterProgress progress, Uri letterPage, Uri editPage)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(letterPage);
        ArgumentNullException.ThrowIfNull(editPage);
        var last = progress.Approvals.Count > 0 ? progress.Approvals[^1] : null;
        string what = progress.Stage switch
        {
            LetterStage.ChangesRequested when last?.Decision == ApprovalDecision.RequestChanges => $"{last.Approver} asked for changes",
            LetterStage.ChangesRequested => "a request for approval or signature could not be delivered",
            LetterStage.Rejected => $"{last?.Approver} rejected it",
            LetterStage.Expired => "a link expired before anyone acted",
            _ => $"its round ended in stage {progress.Stage}",
        };
        string comment = string.IsNullOrWhiteSpace(progress.Note) ? "(no comment)" : progress.Note;
        string next = progress.Stage == LetterStage.ChangesRequested
            ? $"Edit the letter and submit it again; approval then starts again from the first approver. Edit it here: {editPage}"
            : $"The letter: {letterPage}";
        string text = $"""
            Your letter "{progress.Subject}" ({letterId}, version {version}) will not be circulated as it stands: {what}.

            {(last?.Decision is ApprovalDecision.RequestChanges or ApprovalDecision.Reject ? "Comment" : "Details")}:
            {comment}

            {next}
            """;
        return new OutgoingMail(
            drafter, drafter, $"{Headline(progress.Stage)}: {progress.Subject}", text, null, [],
            $"{letterId}.v{version}.{progress.Stage}@circulation");
    }

    /// <summary>
    /// The signed letter as a mission receives it: the cover text is in the mission's language of correspondence
    /// (French, Spanish, otherwise English) and says, in that language, how to check the letter on
    /// <paramref name="verifyPage"/>; the subject is the letter's own and the PDF is attached as signed.
    /// </summary>
    public static OutgoingMail MissionCopy(string letterId, LetterDraft draft, Mission mission, ReadOnlyMemory<byte> signedPdf, Uri verifyPage)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(mission);
        ArgumentNullException.ThrowIfNull(verifyPage);
        string text = MissionCoverText.For(draft, mission, verifyPage);
        return new OutgoingMail(
            mission.Email, $"{mission.HeadTitle}, {mission.Name}", draft.Subject, text, null,
            [new MailAttachment(SignedPdfName(draft), "application/pdf", signedPdf)],
            $"{letterId}.{mission.Id}@circulation",
            new Dictionary<string, string> { [MissionHeader] = $"letter={letterId}; mission={mission.Id}" });
    }

    /// <summary>A time as the mails and link pages print it: "2 December 2026 at 14:05 UTC".</summary>
    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string RoundText(LetterDraft draft, string? audience, IReadOnlyList<ApprovalRecord>? decisions)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Drafted by: {draft.Drafter}").Append('\n');
        if (audience is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Goes to: {audience}").Append('\n');
        }

        foreach (var d in decisions ?? [])
        {
            text.Append(CultureInfo.InvariantCulture, $"Approver {d.Step + 1}, {d.Approver}: {ApprovalHistory.Describe(d.Decision)} on {When(d.DecidedAt)}")
                .Append(string.IsNullOrWhiteSpace(d.Comment) ? "" : $" - \"{d.Comment}\"").Append('\n');
        }

        return text.ToString();
    }

    private static string RoundHtml(LetterDraft draft, string? audience) =>
        $"<b>Drafted by:</b> {Enc(draft.Drafter)}<br>" + (audience is null ? "" : $"<b>Goes to:</b> {Enc(audience)}<br>");

    private static string DecisionsHtml(IReadOnlyList<ApprovalRecord>? decisions) =>
        decisions is not { Count: > 0 }
            ? ""
            : "<p><b>Decisions so far:</b></p><ul>" + string.Concat(decisions.Select(d =>
                $"<li>Approver {d.Step + 1}, {Enc(d.Approver)}: {ApprovalHistory.Describe(d.Decision)} on {When(d.DecidedAt)}"
                + (string.IsNullOrWhiteSpace(d.Comment) ? "" : $" <q>{Enc(d.Comment)}</q>") + "</li>")) + "</ul>";

    private static string Headline(LetterStage stage) => stage switch
    {
        LetterStage.ChangesRequested => "Changes requested",
        LetterStage.Rejected => "Rejected",
        LetterStage.Expired => "Approval lapsed",
        _ => stage.ToString(),
    };

    private static readonly char[] InvalidFileNameChars = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
