namespace Circulation.Mail;

/// <summary>One message to one recipient, independent of the transport (SMTP or Microsoft Graph).</summary>
/// <param name="To">Recipient address.</param>
/// <param name="ToName">Recipient display name.</param>
/// <param name="Subject">Subject line.</param>
/// <param name="TextBody">Plain-text body.</param>
/// <param name="HtmlBody">HTML body, or null for text only.</param>
/// <param name="Attachments">Attached files.</param>
/// <param name="MessageId">A deterministic Message-ID (without angle brackets) so a resend is recognisable.</param>
/// <param name="Headers">Custom x- headers (e.g. which letter and mission), or null.</param>
public sealed record OutgoingMail(
    string To,
    string ToName,
    string Subject,
    string TextBody,
    string? HtmlBody,
    IReadOnlyList<MailAttachment> Attachments,
    string MessageId,
    IReadOnlyDictionary<string, string>? Headers = null);
