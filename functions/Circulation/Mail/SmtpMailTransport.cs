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
/// dropped connections, timeouts) are retried with exponential back-off inside one call; 5xx replies
/// are permanent and surface at once.
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
        this.pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = Math.Max(1, this.mail.TransientRetries),
                Delay = this.mail.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    this.LogRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <inheritdoc/>
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        using var message = this.Compose(mail);
        try
        {
            await this.pipeline.ExecuteAsync(
                async ct =>
                {
                    using var client = await this.ConnectAsync(ct);
                    await client.SendAsync(message, ct);
                    await client.DisconnectAsync(quit: true, ct);
                },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            bool permanent = !IsTransient(ex);
            throw new MailDeliveryException($"The mail server did not accept the message to {mail.To}: {ex.Message}", permanent, ex);
        }
    }

    /// <inheritdoc/>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = await this.ConnectAsync(cancellationToken);
        await client.NoOpAsync(cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true,
        _ => false,
    };

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = (int)this.smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = this.smtp.UseStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None;
            await client.ConnectAsync(this.smtp.Host, this.smtp.Port, security, cancellationToken);
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
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        foreach (var attachment in mail.Attachments)
        {
            body.Attachments.Add(attachment.FileName, attachment.Content.ToArray(), ContentType.Parse(attachment.ContentType));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP send failed transiently; attempt {Attempt} in {Delay}: {Reason}")]
    private partial void LogRetry(int attempt, TimeSpan delay, string? reason);
}
