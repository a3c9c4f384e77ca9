using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>
/// Hands the messages a <see cref="ScriptedSmtpServer"/> accepted on to the test smtp4dev, each in a session of its own,
/// up to <see cref="Sessions"/> at once (smtp4dev keeps every session's whole log and rewrites it as the session grows:
/// one session carrying hundreds of letters stalls it for every other test; one session at a time is too slow for a
/// distribution), so that a host can send through a server that refuses chosen recipients while every other message
/// still arrives where the tests read mail.
/// </summary>
/// <param name="smtpPort">smtp4dev's SMTP port on 127.0.0.1.</param>
public sealed class Smtp4devRelay(int smtpPort) : IDisposable
{
    /// <summary>How many messages are relayed at once.</summary>
    public const int Sessions = 8;

    private readonly SemaphoreSlim gate = new(Sessions, Sessions);

    /// <summary>Relays <paramref name="message"/> to smtp4dev with its envelope; throws when smtp4dev does not take it.</summary>
    public async Task SendAsync(AcceptedSmtpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await this.gate.WaitAsync();
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
            await client.SendAsync(message.Parse(), MailboxAddress.Parse(message.MailFrom), message.Recipients.Select(MailboxAddress.Parse));
            await client.DisconnectAsync(quit: true);
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.gate.Dispose();
}
