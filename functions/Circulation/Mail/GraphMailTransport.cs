using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Polly;
using Polly.Retry;
using GraphMessage = Microsoft.Graph.Models.Message;

namespace Circulation.Mail;

/// <summary>
/// Sends mail through Microsoft Graph from the Office's Exchange Online mailboxes, exactly once per message identity:
/// <list type="number">
/// <item>ask the mailbox whether a message with this internetMessageId was already sent (Sent Items): then it is done;</item>
/// <item>else whether it is still a draft (Drafts): then make sure its attachments are complete and send it;</item>
/// <item>else create the draft (internetMessageId and an x- header fixed by the caller; attachments inline up to 3 MB,
/// through an upload session above), then send it.</item>
/// </list>
/// Every attempt starts again from the first step, so a reply lost after Graph acted (a dropped connection, a timeout)
/// never makes a second message. The SDK's own retry handler is removed: 429 and 503 answers to a single call are retried
/// here, after their Retry-After (which also pauses the mailbox for every other sender and host, <see cref="MailboxPacer"/>);
/// an ambiguous failure restarts the attempt. A Graph refusal (400, 403, 404, 413) is permanent, but before any failure is
/// reported Sent Items is asked once more: a send Graph carried out whose answer was lost, or refused as a re-send (the
/// HTTP handler re-sends a request whose pooled connection dropped before any answer), counts as sent.
/// <para>
/// Each message prefers the mailbox <see cref="SenderFor"/> names. When that mailbox's recipient budget has no room the
/// message goes from another configured sender with room; when none has room, <see cref="SendAsync"/> throws
/// <see cref="MailboxBudgetExhaustedException"/> (nothing sent, no draft made). Since a message may so have gone from any
/// sender, the look-ups ask every sender's Sent Items before any Drafts, and a draft left in another mailbox is deleted
/// once the message is sent.
/// </para>
/// </summary>
public sealed partial class GraphMailTransport : IMailTransport, IDisposable, IAsyncDisposable
{
    /// <summary>Largest total of attachments sent inline with the draft; above it each large one goes through an upload session.</summary>
    public const int MaxInlineAttachmentBytes = 3 * 1024 * 1024;

    /// <summary>Upload slice: a multiple of 320 KiB under Graph's 4 MB per request.</summary>
    public const int UploadSliceBytes = 10 * 320 * 1024;

    /// <summary>The custom header that names the letter and mission (or purpose) of a message.</summary>
    public const string IdentityHeader = "x-circulation-message";

    /// <summary>Recipients of one <see cref="OutgoingMail"/>: it has one addressee.</summary>
    private const int RecipientsPerMessage = 1;

    private readonly GraphOptions options;
    private readonly List<string> senders;
    private readonly MailOptions mail;
    private readonly TimeProvider clock;
    private readonly ILogger<GraphMailTransport> logger;
    private readonly HttpClient graphHttp;
    private readonly HttpClient uploadHttp;
    private readonly GraphServiceClient client;
    private readonly Dictionary<string, MailboxPacer> pacers;
    private readonly SemaphoreSlim[] identities = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly ResiliencePipeline attempts;
    private readonly ResiliencePipeline calls;

    /// <summary>Creates the transport with the configured credential, pacing its mailboxes through the ledgers in <paramref name="ledgers"/>.</summary>
    public GraphMailTransport(IOptions<GraphOptions> options, IOptions<MailOptions> mail, IMailboxLedgerStore ledgers, TimeProvider clock, ILogger<GraphMailTransport> logger)
        : this(options, mail, ledgers, clock, logger, CreateCredential(options?.Value ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Creates the transport with a given credential, pacing its mailboxes through the ledgers in <paramref name="ledgers"/>.</summary>
    public GraphMailTransport(
        IOptions<GraphOptions> options, IOptions<MailOptions> mail, IMailboxLedgerStore ledgers, TimeProvider clock, ILogger<GraphMailTransport> logger, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(mail);
        this.options = options.Value;
        this.mail = mail.Value;
        this.clock = clock;
        this.logger = logger;

        // The SDK's handlers without its RetryHandler: retries are ours (Polly), so a 429 reaches this code with its Retry-After.
        var handlers = GraphClientFactory.CreateDefaultHandlers().Where(h => h is not RetryHandler).ToList();
        this.graphHttp = GraphClientFactory.Create(handlers);
        this.graphHttp.Timeout = this.options.RequestTimeout;
        this.uploadHttp = new HttpClient { Timeout = this.options.RequestTimeout };
        string baseUrl = this.options.BaseUrl.ToString().TrimEnd('/');

        // Without the host in the allowed list the provider silently sends no Authorization header (e.g. to 127.0.0.1).
        var auth = new AzureIdentityAuthenticationProvider(
            credential, allowedHosts: [this.options.BaseUrl.Host], observabilityOptions: null, isCaeEnabled: false, scopes: ["https://graph.microsoft.com/.default"]);
        this.client = new GraphServiceClient(this.graphHttp, auth, baseUrl);
        this.senders = [.. this.options.Senders.Distinct(StringComparer.OrdinalIgnoreCase)];
        this.pacers = this.senders.ToDictionary(s => s, s => new MailboxPacer(s, this.options, ledgers, clock, logger), StringComparer.OrdinalIgnoreCase);

        this.attempts = this.Retry<Exception>(IsTransient, Math.Max(1, this.mail.TransientRetries), "attempt");

        // One call answered 429/503 was not carried out: repeat that call (after Retry-After) rather than the whole attempt.
        this.calls = this.Retry<ApiException>(e => e.ResponseStatusCode is 429 or 503, Math.Max(1, this.mail.TransientRetries) * 2, "call");
    }

    /// <summary>
    /// The mailbox a message prefers to go from: always the same one for the same Message-ID, spread evenly over the senders.
    /// It goes from another sender only when this one's recipient budget has no room (see <see cref="MailReceipt.Sender"/>).
    /// </summary>
    public string SenderFor(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        var senders = this.options.Senders;
        uint hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)), 0);
        return senders[(int)(hash % (uint)senders.Count)];
    }

    /// <inheritdoc/>
    public async Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        string preferred = this.SenderFor(mail.MessageId);
        string mailbox = preferred;
        string internetMessageId = $"<{mail.MessageId}>";
        int attempt = 0;

        // One send of a message identity at a time in this process: after a restart the backend can run the same step twice
        // at once, and two look-ups that both find nothing would make two drafts.
        var identity = this.identities[BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(mail.MessageId)), 4) % (uint)this.identities.Length];
        await identity.WaitAsync(cancellationToken);
        try
        {
            return await this.attempts.ExecuteAsync(
                async ct =>
                {
                    attempt++;
                    return await this.SendOnceAsync(mail, preferred, internetMessageId, m => mailbox = m, ct);
                },
                cancellationToken);
        }
        catch (MailboxBudgetExhaustedException ex)
        {
            // Nothing was sent: the caller waits until ex.Until (not retried here: that can be hours).
            this.LogBudgetExhausted(internetMessageId, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A refusal or an ambiguous answer may follow a send Graph carried out (e.g. the HTTP handler silently re-sent a
            // POST .../send whose connection dropped after it was accepted, and the re-send was refused as already sent):
            // the mailbox settles it before the copy is called failed.
            if (await this.SettleAsync(mail, preferred, internetMessageId, ex, cancellationToken) is { } settled)
            {
                return settled;
            }

            bool permanent = !IsTransient(ex);
            string reason = permanent
                ? $"Microsoft Graph refused the message to {mail.To} from {mailbox}: {Describe(ex)}"
                : $"Microsoft Graph did not take the message to {mail.To} from {mailbox} in {attempt} attempt(s): {Describe(ex)}";
            throw permanent ? new MailRefusedException(reason, ex) : new MailDeliveryException(reason, isPermanent: false, ex);
        }
        finally
        {
            identity.Release();
        }
    }

    /// <inheritdoc/>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        string mailbox = this.options.Senders[0];
        await this.pacers[mailbox].RequestAsync(
            () => this.client.Users[mailbox].MailFolders["sentitems"].GetAsync(r => r.QueryParameters.Select = ["id"], cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Writes the sends' answers the pacing ledgers have not written yet (a host stopping gracefully; otherwise their claims
    /// count as sent at their expiry), then disposes.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var pacer in this.pacers.Values)
        {
            await pacer.DisposeAsync();
        }

        this.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.client.Dispose();
        this.graphHttp.Dispose();
        this.uploadHttp.Dispose();
        foreach (var pacer in this.pacers.Values)
        {
            pacer.Dispose();
        }

        foreach (var identity in this.identities)
        {
            identity.Dispose();
        }
    }

    /// <summary>Retries <typeparamref name="TException"/> matching <paramref name="handle"/>, after Retry-After when Graph gave one, else with exponential back-off.</summary>
    private ResiliencePipeline Retry<TException>(Func<TException, bool> handle, int maxRetries, string scope)
        where TException : Exception => new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle(handle),
            MaxRetryAttempts = maxRetries,
            Delay = this.mail.RetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            MaxDelay = TimeSpan.FromSeconds(30),
            DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
            OnRetry = args =>
            {
                this.LogRetry(scope, args.AttemptNumber + 1, args.RetryDelay, Describe(args.Outcome.Exception));
                return ValueTask.CompletedTask;
            },
        }).Build();

    private static TokenCredential CreateCredential(GraphOptions options) => options.Credential switch
    {
        GraphCredentialKind.ClientSecret => new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret),
        _ => new ManagedIdentityCredential(
            string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId)),
    };

    /// <summary>429/503 with Retry-After: that long; otherwise null (Polly's exponential back-off).</summary>
    private static TimeSpan? RetryAfter(Exception? ex)
    {
        if (ex is not ApiException api || api.ResponseHeaders is null)
        {
            return null;
        }

        var value = api.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, "Retry-After", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ApiException api => api.ResponseStatusCode is 401 or 408 or 409 or 412 or 429 || api.ResponseStatusCode >= 500,
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        OperationCanceledException => true,
        AuthenticationFailedException or CredentialUnavailableException => true,
        RequestFailedException => true, // the pacing ledger's storage
        _ => false,
    };

    private static string Describe(Exception? ex) => ex switch
    {
        null => "no reason given",
        ODataError { Error: { } error } odata => $"{odata.ResponseStatusCode} {error.Code}: {error.Message}",
        ApiException api => $"{api.ResponseStatusCode} {api.Message}",
        TaskCanceledException { InnerException: TimeoutException } => "the request timed out",
        _ => ex.Message.ReplaceLineEndings(" "),
    };

    private static void ImmutableIds<T>(RequestConfiguration<T> configuration)
        where T : class, new() => configuration.Headers.Add("Prefer", "IdType=\"ImmutableId\"");

    private async Task<MailReceipt> SendOnceAsync(OutgoingMail mail, string preferred, string internetMessageId, Action<string> sendingFrom, CancellationToken ct)
    {
        var order = this.SendersFrom(preferred);

        // Sent Items of every sender before any Drafts: after a budget move, a draft left in another mailbox must not be sent.
        if (await this.FindSentAsync(mail, order, internetMessageId, ct) is { } already)
        {
            sendingFrom(already.Sender);
            this.LogAlreadySent(internetMessageId, already.Sender);
            return already;
        }

        var drafts = new Dictionary<string, GraphMessage>(StringComparer.OrdinalIgnoreCase);
        foreach (string mailbox in order)
        {
            if (await this.FindAsync(mailbox, "drafts", internetMessageId, ct) is { } found)
            {
                drafts[mailbox] = found;
            }
        }

        for (int round = 0; ; round++)
        {
            using var reservation = await this.ChooseSenderAsync(order, drafts, internetMessageId, ct);
            string mailbox = reservation.Mailbox;
            sendingFrom(mailbox);
            var pacer = this.pacers[mailbox];
            if (drafts.TryGetValue(mailbox, out var draft))
            {
                this.LogDraftFound(internetMessageId, mailbox);
                await this.CompleteAttachmentsAsync(mailbox, draft.Id!, mail.Attachments, pacer, ct);
            }
            else
            {
                draft = await this.CreateDraftAsync(mail, mailbox, internetMessageId, pacer, ct);
                drafts[mailbox] = draft;
            }

            try
            {
                await this.calls.ExecuteAsync(
                    async c => await this.PacedAsync(
                        pacer,
                        async () =>
                        {
                            await this.client.Users[mailbox].Messages[draft.Id].Send.PostAsync(r => ImmutableIds(r), c);
                            return true;
                        },
                        c,
                        reservation),
                    ct);
            }
            catch (MailboxBudgetExhaustedException ex) when (round < order.Count)
            {
                // Another host used the budget since this one looked (its ledger is fresh now): choose again.
                this.LogBudgetTaken(internetMessageId, mailbox, ex.Until);
                continue;
            }

            await this.DeleteLeftoverDraftsAsync(drafts, mailbox, internetMessageId, ct);
            return new MailReceipt(mail.MessageId, draft.Id, mailbox, this.clock.GetUtcNow());
        }
    }

    /// <summary>The receipt of the message found in any sender's Sent Items (<paramref name="order"/> first to last), or null.</summary>
    private async Task<MailReceipt?> FindSentAsync(OutgoingMail mail, List<string> order, string internetMessageId, CancellationToken ct)
    {
        foreach (string mailbox in order)
        {
            if (await this.FindAsync(mailbox, "sentitems", internetMessageId, ct) is { } sent)
            {
                return new MailReceipt(mail.MessageId, sent.Id, mailbox, sent.SentDateTime ?? this.clock.GetUtcNow(), AlreadySent: true);
            }
        }

        return null;
    }

    /// <summary>
    /// After the last attempt failed with <paramref name="failure"/>: Sent Items asked once more (after <see cref="MailOptions.RetryDelay"/>,
    /// for a send still on its way there; the look-up retried on transient failures). The receipt when the message is there; null when it is not or the look-up failed too.
    /// </summary>
    private async Task<MailReceipt?> SettleAsync(OutgoingMail mail, string preferred, string internetMessageId, Exception failure, CancellationToken ct)
    {
        try
        {
            await Task.Delay(this.mail.RetryDelay, this.clock, ct);
            // The look-up itself is retried on transient failures: a dropped GET must not turn a sent copy into a failure.
            var receipt = await this.attempts.ExecuteAsync(async c => await this.FindSentAsync(mail, this.SendersFrom(preferred), internetMessageId, c), ct);
            if (receipt is not null)
            {
                this.LogSettledAsSent(internetMessageId, receipt.Sender, Describe(failure));
            }

            return receipt;
        }
        catch (Exception ex) when (ex is ApiException || (IsTransient(ex) && !ct.IsCancellationRequested))
        {
            this.LogSettleFailed(internetMessageId, Describe(ex));
            return null;
        }
    }

    /// <summary>The senders, <paramref name="preferred"/> first, then the others in their configured order after it.</summary>
    private List<string> SendersFrom(string preferred)
    {
        int first = Math.Max(0, this.senders.FindIndex(s => string.Equals(s, preferred, StringComparison.OrdinalIgnoreCase)));
        return [.. this.senders.Skip(first), .. this.senders.Take(first)];
    }

    /// <summary>
    /// The first sender whose recipient budget has room for the message: those that hold a draft of it, then the others in
    /// <paramref name="order"/>. Throws <see cref="MailboxBudgetExhaustedException"/> with the earliest moment one has room.
    /// </summary>
    private async Task<MailboxReservation> ChooseSenderAsync(List<string> order, Dictionary<string, GraphMessage> drafts, string internetMessageId, CancellationToken ct)
    {
        var until = DateTimeOffset.MaxValue;
        string? full = null;
        foreach (string mailbox in order.Where(drafts.ContainsKey).Concat(order.Where(m => !drafts.ContainsKey(m))))
        {
            var reservation = await this.pacers[mailbox].ReserveAsync(RecipientsPerMessage, ct);
            if (reservation.IsGranted)
            {
                if (full is not null)
                {
                    this.LogMoved(internetMessageId, full, until, mailbox);
                }

                return reservation;
            }

            full ??= mailbox;
            until = reservation.Until < until ? reservation.Until : until;
        }

        throw new MailboxBudgetExhaustedException(order, until, this.options.RecipientsPerDay, this.options.RecipientWindow);
    }

    /// <summary>
    /// One Graph call through the mailbox's pacer: a send (with the budget <paramref name="send"/> reserved for it) or another
    /// request; a 429/503 with Retry-After pauses the mailbox for every host.
    /// </summary>
    private async Task<T> PacedAsync<T>(MailboxPacer pacer, Func<Task<T>> call, CancellationToken ct, MailboxReservation? send = null)
    {
        try
        {
            return send is not null ? await pacer.SendAsync(call, RecipientsPerMessage, send, ct) : await pacer.RequestAsync(call, ct);
        }
        catch (ApiException ex) when (ex.ResponseStatusCode is 429 or 503 && RetryAfter(ex) is { } wait)
        {
            await pacer.PauseAsync(wait);
            this.LogPaused(pacer.Mailbox, wait, Describe(ex));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph {Scope} failed transiently; retry {Retry} in {Delay}: {Reason}")]
    private partial void LogRetry(string scope, int retry, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {Mailbox} paused for {Delay} (Retry-After): {Reason}")]
    private partial void LogPaused(string mailbox, TimeSpan delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {InternetMessageId} is already in {Mailbox}'s Sent Items; not sending it again")]
    private partial void LogAlreadySent(string internetMessageId, string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {InternetMessageId} is in {Mailbox}'s Sent Items although the send step answered: {Reason}; it counts as sent")]
    private partial void LogSettledAsSent(string internetMessageId, string mailbox, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {InternetMessageId}: Sent Items could not be asked once more: {Reason}")]
    private partial void LogSettleFailed(string internetMessageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {InternetMessageId} is still a draft in {Mailbox}; sending that draft")]
    private partial void LogDraftFound(string internetMessageId, string mailbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Full} has no room in its recipient budget until {Until}; message {InternetMessageId} goes from {Mailbox}")]
    private partial void LogMoved(string internetMessageId, string full, DateTimeOffset until, string mailbox);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox {Mailbox}'s recipient budget was used up by another host (room from {Until}); choosing again for {InternetMessageId}")]
    private partial void LogBudgetTaken(string internetMessageId, string mailbox, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {InternetMessageId} not sent: {Reason}")]
    private partial void LogBudgetExhausted(string internetMessageId, string reason);
}
