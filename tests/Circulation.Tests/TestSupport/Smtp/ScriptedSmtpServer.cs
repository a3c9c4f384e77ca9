using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>
/// A real SMTP server on 127.0.0.1 (an ephemeral port) whose replies are scripted per recipient and attempt:
/// it stands in for a production server that throttles (4xx), refuses (5xx), drops connections or stops
/// answering. It speaks what MailKit needs (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; optionally
/// PIPELINING) and records every message it accepted.
/// </summary>
/// <remarks>
/// An attempt is one RCPT TO for a recipient; the recipient's script sees its attempt number (1, 2, ...) and
/// returns the fault for that attempt, or null to behave. A fault at a later stage (DATA, end of data, QUIT)
/// strikes in the same transaction. Without a script every command succeeds.
/// </remarks>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private const string HostName = "scripted-smtp.test";

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly Dictionary<string, Func<int, SmtpFault?>> scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<AcceptedSmtpMessage> accepted = [];
    private readonly List<Task> sessions = [];
    private readonly Task acceptLoop;
    private Func<int, SmtpFault?>? connectionScript;
    private int connections;

    private ScriptedSmtpServer(bool pipelining)
    {
        this.AdvertisesPipelining = pipelining;
        this.listener = new TcpListener(IPAddress.Loopback, 0);
        this.listener.Start();
        this.Port = ((IPEndPoint)this.listener.LocalEndpoint).Port;
        this.acceptLoop = Task.Run(this.AcceptLoopAsync);
    }

    /// <summary>The port it listens on (on 127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>True when EHLO offers PIPELINING, so MailKit sends MAIL FROM and RCPT TO in one go.</summary>
    public bool AdvertisesPipelining { get; }

    /// <summary>How many connections were accepted.</summary>
    public int Connections
    {
        get
        {
            lock (this.gate)
            {
                return this.connections;
            }
        }
    }

    /// <summary>Every accepted message, in order of acceptance.</summary>
    public IReadOnlyList<AcceptedSmtpMessage> Accepted
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.accepted];
            }
        }
    }

    /// <summary>
    /// When set, every message that would be accepted is first handed to this (e.g. relayed on to another server); the
    /// 250 reply waits for it, and a failure is answered 451 (try again later).
    /// </summary>
    public Func<AcceptedSmtpMessage, Task>? Relay { get; set; }

    /// <summary>Starts a server.</summary>
    public static ScriptedSmtpServer Start(bool pipelining = false) => new(pipelining);

    /// <summary>Scripts <paramref name="recipient"/>: <paramref name="script"/> gets the attempt number (from 1) and returns the fault, or null.</summary>
    public void Script(string recipient, Func<int, SmtpFault?> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        lock (this.gate)
        {
            this.scripts[recipient] = script;
        }
    }

    /// <summary>The first <paramref name="count"/> attempts for <paramref name="recipient"/> meet <paramref name="fault"/>; later ones succeed.</summary>
    public void FailFirst(string recipient, int count, SmtpFault fault) => this.Script(recipient, attempt => attempt <= count ? fault : null);

    /// <summary>Every attempt for <paramref name="recipient"/> meets <paramref name="fault"/>.</summary>
    public void FailAlways(string recipient, SmtpFault fault) => this.Script(recipient, _ => fault);

    /// <summary>Scripts the greeting: <paramref name="script"/> gets the connection number (from 1) and returns a greeting fault, or null.</summary>
    public void ScriptConnections(Func<int, SmtpFault?> script)
    {
        lock (this.gate)
        {
            this.connectionScript = script;
        }
    }

    /// <summary>How many times RCPT TO named <paramref name="recipient"/>.</summary>
    public int AttemptsFor(string recipient)
    {
        lock (this.gate)
        {
            return this.attempts.GetValueOrDefault(recipient);
        }
    }

    /// <summary>The accepted messages addressed to <paramref name="recipient"/>.</summary>
    public IReadOnlyList<AcceptedSmtpMessage> AcceptedFor(string recipient) =>
        [.. this.Accepted.Where(m => m.Recipients.Contains(recipient, StringComparer.OrdinalIgnoreCase))];

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await this.stopping.CancelAsync();
        this.listener.Stop();
        await this.acceptLoop;
        Task[] running;
        lock (this.gate)
        {
            running = [.. this.sessions];
        }

        await Task.WhenAll(running);
        this.stopping.Dispose();
    }

    private static string Argument(string line, string verb)
    {
        string rest = line[verb.Length..].Trim();
        int open = rest.IndexOf('<', StringComparison.Ordinal);
        int close = rest.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? rest[(open + 1)..close] : rest;
    }

    private static bool Is(string line, string verb) =>
        line.StartsWith(verb, StringComparison.OrdinalIgnoreCase) && (line.Length == verb.Length || !char.IsLetter(line[verb.Length]));

    private async Task AcceptLoopAsync()
    {
        while (!this.stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await this.listener.AcceptTcpClientAsync(this.stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            int number;
            lock (this.gate)
            {
                number = ++this.connections;
                this.sessions.RemoveAll(s => s.IsCompleted);
                this.sessions.Add(Task.Run(() => this.ServeAsync(client, number)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                var session = new Session(stream, this.stopping.Token);
                await this.ConverseAsync(session, connection);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client hung up or the server is stopping: the conversation is over either way.
            }
        }
    }

    private async Task ConverseAsync(Session session, int connection)
    {
        SmtpFault? greetingFault;
        lock (this.gate)
        {
            greetingFault = this.connectionScript?.Invoke(connection);
        }

        if (greetingFault is not null && !await session.StrikeAsync(greetingFault))
        {
            return;
        }

        if (greetingFault is null)
        {
            await session.ReplyAsync($"220 {HostName} ESMTP scripted test server");
        }

        while (await session.ReadLineAsync() is { } line)
        {
            if (Is(line, "EHLO"))
            {
                await session.ReplyAsync(
                    this.AdvertisesPipelining
                        ? $"250-{HostName}\r\n250-SIZE 52428800\r\n250-PIPELINING\r\n250 HELP"
                        : $"250-{HostName}\r\n250-SIZE 52428800\r\n250 HELP");
            }
            else if (Is(line, "HELO"))
            {
                await session.ReplyAsync($"250 {HostName}");
            }
            else if (Is(line, "MAIL FROM:"))
            {
                session.Reset();
                session.MailFrom = Argument(line, "MAIL FROM:");
                await session.ReplyAsync("250 2.1.0 Sender OK");
            }
            else if (Is(line, "RCPT TO:"))
            {
                if (!await this.RecipientAsync(session, Argument(line, "RCPT TO:")))
                {
                    return;
                }
            }
            else if (Is(line, "DATA"))
            {
                if (!await this.DataAsync(session))
                {
                    return;
                }
            }
            else if (Is(line, "RSET"))
            {
                session.Reset();
                await session.ReplyAsync("250 2.0.0 Reset");
            }
            else if (Is(line, "NOOP"))
            {
                await session.ReplyAsync("250 2.0.0 OK");
            }
            else if (Is(line, "QUIT"))
            {
                if (session.QuitFault is { } fault)
                {
                    await session.StrikeAsync(fault);
                    return;
                }

                await session.ReplyAsync("221 2.0.0 Bye");
                return;
            }
            else
            {
                await session.ReplyAsync("502 5.5.2 Command not implemented");
            }
        }
    }

    private async Task<bool> RecipientAsync(Session session, string recipient)
    {
        if (session.MailFrom is null)
        {
            await session.ReplyAsync("503 5.5.1 MAIL first");
            return true;
        }

        SmtpFault? fault;
        lock (this.gate)
        {
            int attempt = this.attempts[recipient] = this.attempts.GetValueOrDefault(recipient) + 1;
            fault = this.scripts.TryGetValue(recipient, out var script) ? script(attempt) : null;
        }

        if (fault is { Stage: SmtpStage.Recipient })
        {
            return await session.StrikeAsync(fault);
        }

        session.Recipients.Add(recipient);
        session.PendingFault ??= fault;
        await session.ReplyAsync("250 2.1.5 Recipient OK");
        return true;
    }

    private async Task<bool> DataAsync(Session session)
    {
        if (session.MailFrom is null || session.Recipients.Count == 0)
        {
            await session.ReplyAsync("503 5.5.1 Valid RCPT first");
            return true;
        }

        var fault = session.PendingFault;
        if (fault is { Stage: SmtpStage.Data })
        {
            bool open = await session.StrikeAsync(fault);
            session.Reset();
            return open;
        }

        await session.ReplyAsync("354 Start mail input; end with <CRLF>.<CRLF>");
        var content = new StringBuilder();
        bool first = true;
        while (true)
        {
            string? line = await session.ReadLineAsync();
            if (line is null)
            {
                return false;
            }

            if (line == ".")
            {
                break;
            }

            content.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            if (first && fault is { Stage: SmtpStage.MidData })
            {
                return await session.StrikeAsync(fault);
            }

            first = false;
        }

        if (fault is { Stage: SmtpStage.EndOfData })
        {
            bool open = await session.StrikeAsync(fault);
            session.Reset();
            return open;
        }

        var message = new AcceptedSmtpMessage(session.MailFrom, [.. session.Recipients], Encoding.Latin1.GetBytes(content.ToString()));
        if (this.Relay is { } relay)
        {
            try
            {
                await relay(message);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or MailKit.ProtocolException or MailKit.CommandException or SocketException)
            {
                // The onward server did not take it: a transient refusal, so the sender tries again later.
                session.Reset();
                await session.ReplyAsync("451 4.4.0 The message could not be relayed; try again later");
                return true;
            }
        }

        lock (this.gate)
        {
            this.accepted.Add(message);
        }

        session.QuitFault = fault is { Stage: SmtpStage.Quit } ? fault : session.QuitFault;
        session.Reset();
        await session.ReplyAsync("250 2.0.0 Message accepted for delivery");
        return true;
    }

    /// <summary>One connection's transaction state and I/O.</summary>
    private sealed class Session
    {
        private readonly NetworkStream stream;
        private readonly StreamReader reader;
        private readonly CancellationToken stopping;

        public Session(NetworkStream stream, CancellationToken stopping)
        {
            this.stream = stream;
            this.reader = new StreamReader(stream, Encoding.Latin1, detectEncodingFromByteOrderMarks: false);
            this.stopping = stopping;
        }

        public string? MailFrom { get; set; }

        public List<string> Recipients { get; } = [];

        /// <summary>A fault scripted for a later stage of the current transaction.</summary>
        public SmtpFault? PendingFault { get; set; }

        /// <summary>A fault that strikes at QUIT, after a message was accepted.</summary>
        public SmtpFault? QuitFault { get; set; }

        public void Reset()
        {
            this.MailFrom = null;
            this.Recipients.Clear();
            this.PendingFault = null;
        }

        public async Task<string?> ReadLineAsync() => await this.reader.ReadLineAsync(this.stopping);

        public async Task ReplyAsync(string reply)
        {
            await this.stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), this.stopping);
            await this.stream.FlushAsync(this.stopping);
        }

        /// <summary>Applies <paramref name="fault"/>; false when the connection is over.</summary>
        public async Task<bool> StrikeAsync(SmtpFault fault)
        {
            switch (fault.Kind)
            {
                case SmtpFaultKind.Reply:
                    await this.ReplyAsync(fault.ReplyLine);
                    return fault.Code != 421 && fault.Stage != SmtpStage.Quit;
                case SmtpFaultKind.Drop:
                    return false;
                default:
                    while (await this.ReadLineAsync() is not null)
                    {
                        // Ignore everything until the client gives up and hangs up.
                    }

                    return false;
            }
        }
    }
}
