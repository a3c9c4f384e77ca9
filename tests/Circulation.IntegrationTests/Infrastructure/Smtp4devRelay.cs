using Circulation.Tests.TestSupport.Smtp;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Hands the messages a <see cref="ScriptedSmtpServer"/> accepted on to the test smtp4dev, one at a time, each in a
/// session of its own (smtp4dev keeps every session's whole log and rewrites it as the session grows: one session for
/// hundreds of letters stalls it for every other test), so that a host can send through a server that refuses chosen recipients while every other message still
/// arrives where the tests read mail.
/// </summary>
public sealed class Smtp4devRelay : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SmtpClient client = new();

    /// <summary>Relays <paramref name="message"/> to smtp4dev with its envelope; throws when smtp4dev does not take it.</summary>
    public async Task SendAsync(AcceptedSmtpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await this.gate.WaitAsync();
        try
        {
            await this.client.ConnectAsync("127.0.0.1", TestEnvironment.SmtpPort, SecureSocketOptions.None);
            await this.client.SendAsync(message.Parse(), MailboxAddress.Parse(message.MailFrom), message.Recipients.Select(MailboxAddress.Parse));
            await this.client.DisconnectAsync(quit: true);
        }
        catch (Exception)
        {
            if (this.client.IsConnected)
            {
                await this.client.DisconnectAsync(quit: false);
            }

            throw;
        }
        finally
        {
            this.gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.client.Dispose();
        this.gate.Dispose();
    }
}
