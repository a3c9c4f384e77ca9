using Circulation.Mail;
using Circulation.Tests.TestSupport;
using Circulation.Tests.TestSupport.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>The SMTP transport against a real, scripted SMTP server that throttles, refuses, drops and stalls.</summary>
public sealed class SmtpMailTransportTests
{
    private const string Recipient = "mission.testland@missions.example";
    private const string MessageId = "L20261125-103512-7K2QX9.testland@circulation";
    private static readonly byte[] Pdf = "%PDF-1.7 scripted test letter"u8.ToArray();

    private static OutgoingMail Letter(string to = Recipient) => new(
        to, "Permanent Representative of Testland", "High-level meeting on antimicrobial resistance", "Excellency, ...", null,
        [new MailAttachment("L20261125-103512-7K2QX9.pdf", "application/pdf", Pdf)], MessageId);

    private static SmtpMailTransport Transport(
        ScriptedSmtpServer server, int transientRetries = 4, int timeoutSeconds = 30, SmtpSecurity security = SmtpSecurity.None) => new(
        Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = server.Port, Timeout = TimeSpan.FromSeconds(timeoutSeconds), Security = security }),
        Options.Create(new MailOptions { TransientRetries = transientRetries, RetryDelay = TimeSpan.FromMilliseconds(5) }),
        NullLogger<SmtpMailTransport>.Instance);

    private static void AssertDeliveredOnce(ScriptedSmtpServer server, string to = Recipient)
    {
        var message = Assert.Single(server.AcceptedFor(to));
        Assert.Equal([to], message.Recipients);
        var parsed = message.Parse();
        Assert.Equal(MessageId, parsed.MessageId);
        var attachment = Assert.IsType<MimePart>(Assert.Single(parsed.Attachments));
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        Assert.NotNull(attachment.Content);
        attachment.Content.DecodeTo(content);
        Assert.Equal(Pdf, content.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_ThrottledTwiceAtRecipient_SucceedsOnThirdAttemptAndIsAcceptedOnce(bool pipelining)
    {
        await using var server = ScriptedSmtpServer.Start(pipelining);
        server.FailFirst(Recipient, 2, SmtpFault.Throttled);

        await Transport(server).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(3, server.AttemptsFor(Recipient));
        AssertDeliveredOnce(server);
    }

    [Theory]
    [InlineData(SmtpStage.Data, 451, "4.3.2 System not accepting network messages")]
    [InlineData(SmtpStage.EndOfData, 451, "4.7.0 Temporary server error, please try again later")]
    [InlineData(SmtpStage.EndOfData, 452, "4.3.1 Insufficient system resources")]
    [InlineData(SmtpStage.Recipient, 421, "4.7.0 Too many connections, closing transmission channel")]
    [InlineData(SmtpStage.EndOfData, 421, "4.4.2 Connection timed out, closing transmission channel")]
    public async Task SendAsync_TransientReplyTwice_SucceedsOnThirdAttemptAndIsAcceptedOnce(SmtpStage stage, int code, string text)
    {
        await using var server = ScriptedSmtpServer.Start();
        server.FailFirst(Recipient, 2, SmtpFault.Reply(stage, code, text));

        await Transport(server).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(3, server.AttemptsFor(Recipient));
        AssertDeliveredOnce(server);
    }

    [Fact]
    public async Task SendAsync_ServerBusyAtGreeting_ReconnectsAndDelivers()
    {
        await using var server = ScriptedSmtpServer.Start();
        server.ScriptConnections(n => n <= 2 ? SmtpFault.Reply(SmtpStage.Greeting, 421, "4.3.2 Service not available, try again later") : null);

        await Transport(server).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(3, server.Connections);
        Assert.Equal(1, server.AttemptsFor(Recipient));
        AssertDeliveredOnce(server);
    }

    [Theory]
    [InlineData(SmtpStage.Recipient, false)]
    [InlineData(SmtpStage.Recipient, true)]
    [InlineData(SmtpStage.Data, false)]
    [InlineData(SmtpStage.MidData, false)]
    [InlineData(SmtpStage.EndOfData, false)]
    public async Task SendAsync_ConnectionDropped_RetriesOnNewConnectionAndDeliversOnce(SmtpStage stage, bool pipelining)
    {
        await using var server = ScriptedSmtpServer.Start(pipelining);
        server.FailFirst(Recipient, 1, SmtpFault.Drop(stage));

        await Transport(server).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(2, server.AttemptsFor(Recipient));
        Assert.Equal(2, server.Connections);
        AssertDeliveredOnce(server);
    }

    [Fact]
    public async Task SendAsync_ServerStopsAnsweringAfterData_TimesOutRetriesAndDeliversOnce()
    {
        await using var server = ScriptedSmtpServer.Start();
        server.FailFirst(Recipient, 1, SmtpFault.Stall(SmtpStage.EndOfData));

        await Transport(server, timeoutSeconds: 1).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(2, server.AttemptsFor(Recipient));
        AssertDeliveredOnce(server);
    }

    [Fact]
    public async Task SendAsync_ServerNeverGreets_TimesOutReconnectsAndDelivers()
    {
        await using var server = ScriptedSmtpServer.Start();
        server.ScriptConnections(n => n == 1 ? SmtpFault.Stall(SmtpStage.Greeting) : null);

        await Transport(server, timeoutSeconds: 1).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(2, server.Connections);
        AssertDeliveredOnce(server);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsTransientFailure()
    {
        var server = ScriptedSmtpServer.Start();
        var transport = Transport(server, transientRetries: 1);
        await server.DisposeAsync();

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => transport.SendAsync(Letter(), CancellationToken.None));

        Assert.False(ex.IsPermanent);
        Assert.Contains("in 2 attempt(s)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpFaultKind.Stall, 0)]
    [InlineData(SmtpFaultKind.Drop, 0)]
    [InlineData(SmtpFaultKind.Reply, 421)]
    [InlineData(SmtpFaultKind.Reply, 554)]
    public async Task SendAsync_QuitFailsAfterMessageAccepted_SucceedsWithoutSendingAgain(SmtpFaultKind kind, int code)
    {
        await using var server = ScriptedSmtpServer.Start();
        var fault = kind == SmtpFaultKind.Reply ? SmtpFault.Reply(SmtpStage.Quit, code, "Closing") : new SmtpFault(SmtpStage.Quit, kind);
        server.FailAlways(Recipient, fault);

        await Transport(server, timeoutSeconds: 1).SendAsync(Letter(), CancellationToken.None);

        Assert.Equal(1, server.AttemptsFor(Recipient));
        AssertDeliveredOnce(server);
    }

    [Theory]
    [InlineData(SmtpStage.Recipient, 550, "5.1.1 Recipient address rejected: mailbox unavailable", false)]
    [InlineData(SmtpStage.Recipient, 550, "5.1.1 Recipient address rejected: mailbox unavailable", true)]
    [InlineData(SmtpStage.Recipient, 553, "5.1.3 Mailbox name not allowed", false)]
    [InlineData(SmtpStage.EndOfData, 554, "5.7.1 Message rejected by policy", false)]
    public async Task SendAsync_PermanentRefusal_ThrowsPermanentWithServerReasonWithoutRetrying(SmtpStage stage, int code, string text, bool pipelining)
    {
        await using var server = ScriptedSmtpServer.Start(pipelining);
        server.FailAlways(Recipient, SmtpFault.Reply(stage, code, text));

        var ex = await Assert.ThrowsAsync<MailRefusedException>(() => Transport(server).SendAsync(Letter(), CancellationToken.None));

        Assert.True(ex.IsPermanent);
        Assert.Contains($"{code} {text}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Recipient, ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.AttemptsFor(Recipient));
        Assert.Equal(1, server.Connections);
        Assert.Empty(server.Accepted);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public async Task SendAsync_ThrottledOnEveryAttempt_GivesUpAfterTransientRetriesWithTransientFailure(int transientRetries)
    {
        await using var server = ScriptedSmtpServer.Start();
        server.FailAlways(Recipient, SmtpFault.Throttled);

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => Transport(server, transientRetries).SendAsync(Letter(), CancellationToken.None));

        Assert.False(ex.IsPermanent);
        Assert.Contains(SmtpFault.Throttled.ReplyLine, ex.Message, StringComparison.Ordinal);
        Assert.Equal(transientRetries + 1, server.AttemptsFor(Recipient));
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedOnEveryAttempt_GivesUpWithTransientFailure()
    {
        await using var server = ScriptedSmtpServer.Start();
        server.FailAlways(Recipient, SmtpFault.Drop(SmtpStage.MidData));

        var ex = await Assert.ThrowsAsync<MailDeliveryException>(() => Transport(server, transientRetries: 2).SendAsync(Letter(), CancellationToken.None));

        Assert.False(ex.IsPermanent);
        Assert.Equal(3, server.Connections);
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task SendAsync_OneRecipientRefused_OthersStillDeliveredThroughTheSameServer()
    {
        const string refused = "mission.nowhere@missions.example";
        await using var server = ScriptedSmtpServer.Start();
        server.FailAlways(refused, SmtpFault.MailboxUnavailable);
        var transport = Transport(server);

        var ex = await Assert.ThrowsAsync<MailRefusedException>(() => transport.SendAsync(Letter(refused), CancellationToken.None));
        await transport.SendAsync(Letter(), CancellationToken.None);

        Assert.True(ex.IsPermanent);
        AssertDeliveredOnce(server);
        Assert.Empty(server.AcceptedFor(refused));
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_FailsPermanentlyWithAPlainReason_AndNothingIsSent()
    {
        await using var server = ScriptedSmtpServer.Start();

        var ex = await Assert.ThrowsAsync<MailRefusedException>(() => Transport(server, security: SmtpSecurity.StartTls).SendAsync(Letter(), CancellationToken.None));

        Assert.True(ex.IsPermanent);
        Assert.Equal(
            $"The mail server 127.0.0.1:{server.Port} does not offer STARTTLS, which Mail:Smtp:Security = StartTls requires: nothing was sent over the unencrypted connection.",
            ex.Message);
        Assert.Equal(1, server.Connections);
        Assert.Equal(0, server.AttemptsFor(Recipient));
        Assert.Empty(server.Accepted);
    }

    [Fact]
    public async Task ProbeAsync_StartTlsRequiredButNotOffered_Fails()
    {
        await using var server = ScriptedSmtpServer.Start();

        await Assert.ThrowsAsync<MailRefusedException>(() => Transport(server, security: SmtpSecurity.StartTls).ProbeAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("UserName")]
    [InlineData("Password")]
    public void Startup_CredentialsWithoutTls_AreRefused(string setting)
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { [$"Mail:Smtp:{setting}"] = "circulation" });

        Assert.Equal(
            $"Mail:Smtp:{setting} is set but Mail:Smtp:Security is None: credentials would cross the network in clear. Set Security to StartTls or SslOnConnect.",
            failure);
    }

    [Theory]
    [InlineData("StartTls")]
    [InlineData("SslOnConnect")]
    public void Startup_CredentialsWithTls_Start(string security)
    {
        Assert.Null(StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Mail:Smtp:UserName"] = "circulation",
            ["Mail:Smtp:Password"] = "secret",
            ["Mail:Smtp:Security"] = security,
        }));
    }
}
