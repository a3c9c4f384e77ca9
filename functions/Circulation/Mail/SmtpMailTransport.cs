using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Polly;
using Polly.Retry;

namespace Circulation.Mail;

/// <summary>
/// Sends mail over SMTP with MailKit. Transient faults (4xx replies such as 421/451 throttling,
/// dropped connections, timeouts) are retried with exponential back-off inside one call, each attempt on a
/// new connection; 5xx replies are permanent and surface at once. Once the server has accepted a message
/// nothing fails the call, so a retry never delivers it twice. The connection is secured as
/// <see cref="SmtpOptions.Security"/> says; a server that does not offer the required STARTTLS is a permanent failure.
/// </summary>
public sealed partial class SmtpMailTransport : IMailTransport
{
    private readonly SmtpOptions smtp;
    private readonly MailOptions mail;
    private readonly ILogger<SmtpMailTransport> logger;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates the transport.</summary>
    public SmtpMailTransport(IOptions<SmtpOptions> smtp, IOptions<MailOptions> mail, ILogger<SmtpMailTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(mail);
        this.smtp = smtp.Value;
        this.mail = mail.Value;
        this.logger = logger;
        var builder = new ResiliencePipelineBuilder();
        if (this.mail.TransientRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = this.mail.TransientRetries,
                Delay = this.mail.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    this.LogRetry(args.AttemptNumber + 1, this.mail.TransientRetries, args.RetryDelay, Describe(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            });
        }

        this.pipeline = builder.Build();
    }

    /// <inheritdoc/>
    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = this.Compose(mail);
        int attempts = 0;
        try
        {
            await this.pipeline.ExecuteAsync(
                async ct =>
                {
                    attempts++;
                    using var client = await this.ConnectAsync(ct);
                    await client.SendAsync(message, ct);
                    await this.QuitAsync(client, mail.To, ct);
                },
                cancellationToken);
            return new MailReceipt(mail.MessageId, null, this.mail.FromAddress, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is not MailDeliveryException && (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            bool permanent = !IsTransient(ex);
            string reason = permanent
                ? $"The mail server refused the message to {mail.To}: {Describe(ex)}"
                : $"The mail server did not accept the message to {mail.To} in {attempts} attempt(s): {Describe(ex)}";
            throw permanent ? new MailRefusedException(reason, ex) : new MailDeliveryException(reason, isPermanent: false, ex);
        }
    }

    /// <inheritdoc/>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = await this.ConnectAsync(cancellationToken);
        await client.NoOpAsync(cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>The server's reply with its code ("451 4.7.1 Try again later"), or the fault's message.</summary>
    private static string Describe(Exception? ex) => ex switch
    {
        null => "no reason given",
        SmtpCommandException command => $"{(int)command.StatusCode} {command.Message.ReplaceLineEndings(" ")}",
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    private static bool IsTransient(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>
    /// Ends the session once the server has accepted the message. Nothing may fail the send from here on: a
    /// QUIT that times out or is answered oddly would otherwise be retried and deliver the message again.
    /// </summary>
    private async Task QuitAsync(SmtpClient client, string to, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
#pragma warning disable CA1031 // The message is delivered; whatever goes wrong while hanging up must not undo that.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            this.LogQuitFailed(to, ex.Message);
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)this.smtp.Timeout.TotalMilliseconds };
        try
        {
            // StartTls, not StartTlsWhenAvailable or Auto: a server (or a man in the middle) that does not offer
            // STARTTLS is refused rather than used in clear.
            var security = this.smtp.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            try
            {
                await client.ConnectAsync(this.smtp.Host, this.smtp.Port, security, cancellationToken);
            }
            catch (NotSupportedException ex) when (this.smtp.Security == SmtpSecurity.StartTls)
            {
                throw new MailRefusedException(
                    $"The mail server {this.smtp.Host}:{this.smtp.Port} does not offer STARTTLS, which Mail:Smtp:Security = StartTls requires: nothing was sent over the unencrypted connection.",
                    ex);
            }

            if (!string.IsNullOrEmpty(this.smtp.UserName))
            {
                await client.AuthenticateAsync(this.smtp.UserName, this.smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private MimeMessage Compose(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject, MessageId = mail.MessageId };
        message.From.Add(new MailboxAddress(this.mail.FromName, this.mail.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.Add(name, value);
        }

        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content.ToArray(), ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP send failed transiently; retry {Retry} of {MaxRetries} in {Delay}: {Reason}")]
    private partial void LogRetry(int retry, int maxRetries, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server accepted the message to {To} but the session did not end cleanly: {Reason}")]
    private partial void LogQuitFailed(string to, string reason);
}
