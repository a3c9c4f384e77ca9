using MimeKit;

namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>A message the <see cref="ScriptedSmtpServer"/> accepted (replied 250 to its end of data).</summary>
/// <param name="MailFrom">The MAIL FROM address.</param>
/// <param name="Recipients">The accepted RCPT TO addresses.</param>
/// <param name="Data">The message content as sent, dot-unstuffed.</param>
public sealed record AcceptedSmtpMessage(string MailFrom, IReadOnlyList<string> Recipients, byte[] Data)
{
    /// <summary>Parses the content.</summary>
    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(this.Data, writable: false);
        return MimeMessage.Load(stream);
    }
}
