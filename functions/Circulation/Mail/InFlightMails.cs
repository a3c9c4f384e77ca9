using Circulation.Domain;
using Circulation.Workflow;

namespace Circulation.Mail;

/// <summary>The messages of the actions on a letter in flight: reminders and withdrawal notices.</summary>
public static class InFlightMails
{
    /// <summary>
    /// <paramref name="request"/> sent again as a reminder: the same link, the subject marked, and its own Message-ID
    /// (from the workflow's <paramref name="reminderId"/>) so it is a new message, not a repeat of the first.
    /// </summary>
    public static OutgoingMail Reminder(OutgoingMail request, string reminderId)
    {
        ArgumentNullException.ThrowIfNull(request);
        string id = request.MessageId.Replace("@", $".reminder-{reminderId}@", StringComparison.Ordinal);
        return request with
        {
            Subject = $"Reminder: {request.Subject}",
            TextBody = $"This is a reminder: the request below is still waiting for you. The link is the same as in the first message.\n\n{request.TextBody}",
            HtmlBody = request.HtmlBody is null ? null : $"<p><b>This is a reminder:</b> the request below is still waiting for you. The link is the same as in the first message.</p>{request.HtmlBody}",
            MessageId = id,
        };
    }

    /// <summary>Tells the person who had a pending link that the letter was withdrawn and nothing is needed from them.</summary>
    public static OutgoingMail Withdrawal(WithdrawalNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var w = notice.Withdrawal;
        string to = w.Person ?? throw new ArgumentException("The withdrawal names nobody to tell.", nameof(notice));
        string what = w.Purpose == LinkPurpose.Signature ? "sign" : "approve";
        string text = $"""
            The letter "{notice.Subject}" ({notice.LetterId}, version {notice.Version}), which you were asked to {what}, was withdrawn by {w.By} on {LetterProgress.InWords(w.At)}.

            Reason: {w.Reason}

            Nothing is needed from you: the link in the request no longer works.
            """;
        string html = $"""
            <p>The letter <b>{System.Net.WebUtility.HtmlEncode(notice.Subject)}</b> ({notice.LetterId}, version {notice.Version}), which you were asked to {what}, was withdrawn by {System.Net.WebUtility.HtmlEncode(w.By)} on {LetterProgress.InWords(w.At)}.</p>
            <p><b>Reason:</b> {System.Net.WebUtility.HtmlEncode(w.Reason)}</p>
            <p>Nothing is needed from you: the link in the request no longer works.</p>
            """;
        return new OutgoingMail(to, to, $"Withdrawn: {notice.Subject}", text, html, [], $"{notice.LetterId}.v{notice.Version}.withdrawn.{w.TokenId}@circulation");
    }

    /// <summary>
    /// Tells the drafter that someone else (an admin) withdrew their letter: who, when and why, with the letter's page
    /// (<paramref name="letterPage"/>). A letter is withdrawn once, so its Message-ID is the letter's and version's own.
    /// </summary>
    public static OutgoingMail DrafterWithdrawal(DrafterWithdrawalNotice notice, Uri letterPage)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(letterPage);
        var w = notice.Withdrawal;
        string text = $"""
            Your letter "{notice.Subject}" ({notice.LetterId}, version {notice.Version}) was withdrawn by {w.By} on {LetterProgress.InWords(w.At)}. It will not be circulated.

            Reason: {w.Reason}

            The letter's page: {letterPage}
            """;
        string html = $"""
            <p>Your letter <b>{Enc(notice.Subject)}</b> ({notice.LetterId}, version {notice.Version}) was withdrawn by {Enc(w.By)} on {LetterProgress.InWords(w.At)}. It will not be circulated.</p>
            <p><b>Reason:</b> {Enc(w.Reason)}</p>
            <p><a href="{Enc(letterPage.ToString())}">The letter's page</a></p>
            """;
        return new OutgoingMail(
            notice.Drafter, notice.Drafter, $"Withdrawn: {notice.Subject}", text, html, [], $"{notice.LetterId}.v{notice.Version}.withdrawn.drafter@circulation");
    }

    private static string Enc(string? value) => System.Net.WebUtility.HtmlEncode(value ?? "");
}
