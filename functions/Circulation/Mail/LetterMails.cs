using System.Globalization;
using System.Net;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;

namespace Circulation.Mail;

/// <summary>The wording of every message Circulation sends.</summary>
public static class LetterMails
{
    /// <summary>The custom header naming the letter and mission of a mission's copy (identity beside its Message-ID).</summary>
    public const string MissionHeader = "x-circulation-delivery";

    /// <summary>The file name a letter's PDF is attached under.</summary>
    public static string PdfName(string letterId, int version, bool signed) =>
        signed ? $"{letterId}.pdf" : string.Create(CultureInfo.InvariantCulture, $"{letterId}-v{version}-draft.pdf");

    /// <summary>Asks an approver to review a version; <paramref name="changes"/> (since the version they last saw) is summarized.</summary>
    public static OutgoingMail ApprovalRequest(
        string letterId, int version, LetterDraft draft, PendingAction pending, Uri link, ReadOnlyMemory<byte> pdf, LetterChanges? changes = null)
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
            Letter: {letterId}, version {version}
            {changesText}
            The draft is attached. To approve it, request changes or reject it, open:
            {link}

            The link works once and expires on {expires}.
            """;
        string html = $"""
            <p>A letter awaits your approval (approver {pending.Step + 1} of {draft.Approvers.Count}).</p>
            <p><b>Subject:</b> {Enc(draft.Subject)}<br><b>Signatory:</b> {Enc(draft.Signatory.Name)}, {Enc(draft.Signatory.Title)}<br><b>Letter:</b> {letterId}, version {version}</p>
            {changesHtml}
            <p>The draft is attached. <a href="{Enc(link.ToString())}">Review the letter</a> to approve it, request changes or reject it.</p>
            <p>The link works once and expires on {expires}.</p>
            """;
        return new OutgoingMail(
            pending.Actor, pending.Actor, $"For approval: {draft.Subject}", text, html,
            [new MailAttachment(PdfName(letterId, version, signed: false), "application/pdf", pdf)],
            $"{letterId}.v{version}.{pending.TokenId}@circulation");
    }

    /// <summary>Asks the signatory to sign the approved version.</summary>
    public static OutgoingMail SignatureRequest(string letterId, int version, LetterDraft draft, PendingAction pending, Uri link, ReadOnlyMemory<byte> pdf)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(pending);
        string expires = pending.ExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);
        string text = $"""
            Dear {draft.Signatory.Name},

            The letter "{draft.Subject}" has been approved by all {draft.Approvers.Count} approver(s) and awaits your signature.
            Once signed it is sent to every mission on the list.

            The approved text is attached. To sign, open:
            {link}

            The link works once and expires on {expires}.
            """;
        string html = $"""
            <p>Dear {Enc(draft.Signatory.Name)},</p>
            <p>The letter <b>{Enc(draft.Subject)}</b> has been approved by all {draft.Approvers.Count} approver(s) and awaits your signature. Once signed it is sent to every mission on the list.</p>
            <p>The approved text is attached. <a href="{Enc(link.ToString())}">Open the letter to sign it</a>.</p>
            <p>The link works once and expires on {expires}.</p>
            """;
        return new OutgoingMail(
            pending.Actor, draft.Signatory.Name, $"For signature: {draft.Subject}", text, html,
            [new MailAttachment(PdfName(letterId, version, signed: false), "application/pdf", pdf)],
            $"{letterId}.v{version}.{pending.TokenId}@circulation");
    }

    /// <summary>Tells the drafter how a round ended (changes requested, rejected, expired); <paramref name="staffForm"/> opens the letter.</summary>
    public static OutgoingMail DrafterNotice(string letterId, int version, string drafter, LetterProgress progress, Uri? staffForm = null)
    {
        ArgumentNullException.ThrowIfNull(progress);
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
            ? $"Edit the letter and submit it again; approval then starts again from the first approver.{(staffForm is null ? "" : $" Open it in the staff form: {staffForm}")}"
            : "";
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
    /// (French, Spanish, otherwise English); the subject is the letter's own and the PDF is attached as signed.
    /// </summary>
    public static OutgoingMail MissionCopy(string letterId, LetterDraft draft, Mission mission, ReadOnlyMemory<byte> signedPdf)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(mission);
        string text = MissionCoverText.For(draft, mission);
        return new OutgoingMail(
            mission.Email, $"{mission.HeadTitle}, {mission.Name}", draft.Subject, text, null,
            [new MailAttachment(PdfName(letterId, 0, signed: true), "application/pdf", signedPdf)],
            $"{letterId}.{mission.Id}@circulation",
            new Dictionary<string, string> { [MissionHeader] = $"letter={letterId}; mission={mission.Id}" });
    }

    private static string Headline(LetterStage stage) => stage switch
    {
        LetterStage.ChangesRequested => "Changes requested",
        LetterStage.Rejected => "Rejected",
        LetterStage.Expired => "Approval lapsed",
        _ => stage.ToString(),
    };

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
