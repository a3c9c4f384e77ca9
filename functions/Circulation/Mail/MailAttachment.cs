namespace Circulation.Mail;

/// <summary>A file attached to an outgoing message.</summary>
/// <param name="FileName">Name shown to the recipient.</param>
/// <param name="ContentType">MIME type, e.g. application/pdf.</param>
/// <param name="Content">The bytes.</param>
public sealed record MailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
