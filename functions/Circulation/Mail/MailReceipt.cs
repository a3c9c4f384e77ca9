namespace Circulation.Mail;

/// <summary>What the mail system said when it took a message.</summary>
/// <param name="MessageId">The message's Message-ID / internetMessageId, without angle brackets.</param>
/// <param name="ProviderMessageId">The mail system's own id of the sent message (Graph's message id), when it has one.</param>
/// <param name="Sender">The mailbox or address it was sent from.</param>
/// <param name="AcceptedAt">When it was accepted (for Graph: when this transport saw it sent).</param>
/// <param name="AlreadySent">True when a retry found the message already sent and did not send it again.</param>
public sealed record MailReceipt(string MessageId, string? ProviderMessageId, string Sender, DateTimeOffset AcceptedAt, bool AlreadySent = false);
