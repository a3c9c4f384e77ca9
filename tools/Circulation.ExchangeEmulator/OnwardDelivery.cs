using System.Net;
using System.Text.RegularExpressions;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Circulation.ExchangeEmulator;

/// <summary>
/// Hands every sent message on to the configured SMTP server (e.g. smtp4dev), as Exchange delivers it, with its
/// Message-ID, custom headers and attachments. Keeps one connection; on a failure reconnects and tries the same
/// message again, so nothing sent is lost while the emulator runs.
/// </summary>
public sealed partial class OnwardDelivery : BackgroundService
{
    private readonly EmulatorState state;
    private readonly ILogger<OnwardDelivery> logger;

    /// <summary>Creates the service.</summary>
    public OnwardDelivery(EmulatorState state, ILogger<OnwardDelivery> logger)
    {
        this.state = state;
        this.logger = logger;
    }

    /// <summary>The MIME message a recipient's server receives for <paramref name="message"/>.</summary>
    public static MimeMessage ToMime(EmulatedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.InternetMessageId.Trim('<', '>') };
        mime.From.Add(MailboxAddress.Parse(message.Mailbox));
        foreach (var (address, name) in message.To)
        {
            mime.To.Add(new MailboxAddress(name, address));
        }

        foreach (var (name, value) in message.Headers)
        {
            mime.Headers.Add(name, value);
        }

        var body = new BodyBuilder();
        if (message.BodyContentType == "html")
        {
            // Exchange sends an HTML message with a plain-text alternative; links show as "text: url".
            body.HtmlBody = message.BodyContent;
            body.TextBody = PlainText(message.BodyContent);
        }
        else
        {
            body.TextBody = message.BodyContent;
        }

        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.Name, attachment.Content, ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        mime.Date = message.SentAt ?? DateTimeOffset.UtcNow;
        return mime;
    }

    /// <summary>The plain-text rendering of an HTML body: links as "text: url", paragraphs and breaks as new lines, no tags.</summary>
    public static string PlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        string text = LinkTag().Replace(html, m => $"{m.Groups[2].Value}: {WebUtility.HtmlDecode(m.Groups[1].Value)} ");
        text = BreakTag().Replace(text, "\n");
        text = AnyTag().Replace(text, "");
        return WebUtility.HtmlDecode(text).Trim();
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = this.state.Settings;
        using var client = new SmtpClient { Timeout = 30_000 };
        await foreach (var message in this.state.Onward.Reader.ReadAllAsync(stoppingToken))
        {
            if (string.IsNullOrEmpty(settings.SmtpHost) || !this.state.DeliverOnward)
            {
                continue;
            }

            using var mime = ToMime(message);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!client.IsConnected)
                    {
                        await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, SecureSocketOptions.None, stoppingToken);
                    }

                    await client.SendAsync(mime, stoppingToken);
                    this.state.Counts.CountDeliveredOnward();
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    this.LogOnwardFailed(message.InternetMessageId, ex.Message);
                    await client.DisconnectAsync(false, CancellationToken.None).ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
    }

    [GeneratedRegex("<a\\s[^>]*href=\"([^\"]*)\"[^>]*>(.*?)</a>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex LinkTag();

    [GeneratedRegex("<br\\s*/?>|</p>|</li>|</h[1-6]>|</tr>", RegexOptions.IgnoreCase)]
    private static partial Regex BreakTag();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex AnyTag();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Onward delivery of {InternetMessageId} failed; retrying: {Reason}")]
    private partial void LogOnwardFailed(string internetMessageId, string reason);
}
