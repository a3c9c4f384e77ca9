using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Circulation.Drafting;
using Circulation.ExchangeEmulator;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>
/// The Graph transport against the Exchange emulator (real HTTP, the real ManagedIdentityCredential over the emulator's
/// App Service identity endpoint): drafts with a fixed identity, exactly once across faults, upload sessions, pacing.
/// </summary>
[Collection(GraphEmulatorCollection.Name)]
public sealed class GraphMailTransportTests
{
    private const string Sender = "pga.circulation@un.example";
    private static readonly byte[] Pdf = "%PDF-1.7 graph test letter"u8.ToArray();
    private readonly string letterId = LetterId.New(DateTimeOffset.UtcNow);

    private static IReadOnlyList<Mission> AllMissions =>
        MissionDirectory.LoadEmbedded().MembersOf(MissionDirectory.PermanentRepresentativesAndObserversListId);

    [Fact]
    public async Task SendAsync_NewMessage_CreatesOneDraftWithItsIdentityAndSendsIt()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator);
        var mission = AllMissions[0];

        var receipt = await transport.SendAsync(this.CopyFor(mission), CancellationToken.None);

        var box = emulator.State.FindMailbox(Sender)!;
        var sent = Assert.Single(box.Find("sentitems", _ => true, m => m));
        Assert.Empty(box.Find("drafts", _ => true, m => m));
        Assert.Equal($"<{this.letterId}.{mission.Id}@circulation>", sent.InternetMessageId);
        Assert.Contains((LetterMails.MissionHeader, $"letter={this.letterId}; mission={mission.Id}"), sent.Headers);
        Assert.Equal([mission.Email], sent.To.Select(t => t.Address));
        Assert.Equal(Pdf, Assert.Single(sent.Attachments).Content);
        Assert.Equal((sent.Id, Sender, false), (receipt.ProviderMessageId, receipt.Sender, receipt.AlreadySent));
        Assert.Equal(1, emulator.State.Counts.SentPerRecipient[mission.Email.ToLowerInvariant()]);
    }

    [Fact]
    public async Task SendAsync_SameMessageAgain_FindsItInSentItemsAndDoesNotSendASecondCopy()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator);
        var mail = this.CopyFor(AllMissions[1]);

        var first = await transport.SendAsync(mail, CancellationToken.None);
        var again = await transport.SendAsync(mail, CancellationToken.None);

        Assert.True(again.AlreadySent);
        Assert.Equal(first.ProviderMessageId, again.ProviderMessageId);
        Assert.Equal(1, emulator.State.Counts.SentPerRecipient[AllMissions[1].Email.ToLowerInvariant()]);
        Assert.Equal(1, emulator.State.Counts.Requests["create"]);
    }

    [Fact]
    public async Task SendAsync_DraftLeftByAnEarlierAttempt_SendsThatDraftInsteadOfCreatingAnother()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator);
        var mission = AllMissions[2];
        var leftover = new EmulatedMessage
        {
            Id = "AAMkAGleftover", Mailbox = Sender, InternetMessageId = $"<{this.letterId}.{mission.Id}@circulation>", CreatedAt = DateTimeOffset.UtcNow,
        };
        leftover.To.Add((mission.Email, mission.Name));
        emulator.State.FindMailbox(Sender)!.Add(leftover);

        var receipt = await transport.SendAsync(this.CopyFor(mission), CancellationToken.None);

        Assert.Equal("AAMkAGleftover", receipt.ProviderMessageId);
        var sent = Assert.Single(emulator.State.FindMailbox(Sender)!.Find("sentitems", _ => true, m => m));
        Assert.Equal(Pdf, Assert.Single(sent.Attachments).Content);
        Assert.False(emulator.State.Counts.Requests.ContainsKey("create"));
    }

    [Fact]
    public async Task SendAsync_AttachmentOver3MB_GoesThroughAnUploadSessionAndArrivesWhole()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator);
        byte[] large = new byte[(int)(4.5 * 1024 * 1024)];
        new Random(7).NextBytes(large);
        var mail = this.CopyFor(AllMissions[3]) with { Attachments = [new MailAttachment("large.pdf", "application/pdf", large)] };

        await transport.SendAsync(mail, CancellationToken.None);

        Assert.Equal(1, emulator.State.Counts.UploadsCompleted);
        Assert.True(emulator.State.Counts.Requests["upload-slice"] >= 2);
        var sent = Assert.Single(emulator.State.FindMailbox(Sender)!.Find("sentitems", _ => true, m => m));
        Assert.Equal(large, Assert.Single(sent.Attachments).Content);
    }

    [Fact]
    public async Task SendAsync_FullListPacedAtTheMailboxQuota_DeliversEveryMissionOnceWithoutA429()
    {
        var emulator = await GraphEmulator.GetAsync();
        var window = TimeSpan.FromSeconds(2);
        emulator.Reset(new EmulatorLimits { MessagesPerWindow = 30, MessageWindow = window, ConcurrentRequests = 4 });
        using var transport = Transport(emulator, o => (o.MessagesPerWindow, o.MessageWindow, o.ConcurrentRequests) = (30, window, 4));

        await SendAllAsync(transport, AllMissions.Select(this.CopyFor), parallelism: 16);

        AssertEachOnce(emulator, AllMissions);
        Assert.Empty(emulator.State.Counts.Throttled);
    }

    [Fact]
    public async Task SendAsync_PacerFasterThanTheMailbox_HonoursRetryAfterAndStillSendsEachOnce()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits { MessagesPerWindow = 20, MessageWindow = TimeSpan.FromSeconds(1), ConcurrentRequests = 4 });
        using var transport = Transport(emulator, o => (o.MessagesPerWindow, o.MessageWindow, o.ConcurrentRequests) = (1000, TimeSpan.FromSeconds(1), 8));
        var missions = AllMissions.Take(60).ToList();

        await SendAllAsync(transport, missions.Select(this.CopyFor), parallelism: 16);

        AssertEachOnce(emulator, missions);
        Assert.True(emulator.State.Counts.Throttled.Values.Sum() > 0, "The mailbox never throttled: the test did not test Retry-After.");
    }

    [Fact]
    public async Task SendAsync_TwentyPercentInjectedFaults_DeliversEachOfFiftyMissionsExactlyOnce()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(
            EmulatorLimits.None,
            new EmulatorFaults { Rate = 0.2, Seed = 20261201, StallFor = TimeSpan.FromSeconds(3), RetryAfter = TimeSpan.FromSeconds(1) });
        using var transport = Transport(emulator, o => o.RequestTimeout = TimeSpan.FromSeconds(1));

        // 50 missions, not 241: every injected 429/503 pauses the whole mailbox for its Retry-After (1 s), so the full
        // list takes minutes here. A transient failure that outlasts the transport's retries is retried whole, as the durable retry does.
        var missions = AllMissions.Take(50).ToList();
        await SendAllAsync(transport, missions.Select(this.CopyFor), parallelism: 16, retryWhole: true);

        AssertEachOnce(emulator, missions);
        var faults = emulator.State.Counts.Faults;
        // AcceptedThenResent applies to sends only (one call in several here), so it is not always drawn: its own test covers it.
        Assert.All(
            Enum.GetNames<FaultKind>().Where(k => k != nameof(FaultKind.AcceptedThenResent)),
            kind => Assert.True(faults.GetValueOrDefault(kind) > 0, $"No {kind} fault was injected."));
    }

    [Fact]
    public async Task SendAsync_SendAcceptedThenConnectionDroppedAndTheSilentResendRefused_SentItemsSettlesItAsSentOnce()
    {
        // The first POST .../send is carried out, then its pooled connection drops before any answer: SocketsHttpHandler
        // re-sends it on its own, and Graph refuses the re-send ("already sent"), a 400 that alone would count as permanent.
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(
            new EmulatorLimits(),
            new EmulatorFaults { Rate = 1, Kinds = [FaultKind.AcceptedThenResent], OnlyPathsEndingWith = "/send", MaxFaults = 1 });
        using var transport = Transport(emulator);
        var mission = AllMissions[3];

        var receipt = await transport.SendAsync(this.CopyFor(mission), CancellationToken.None);

        Assert.Equal(2, emulator.State.Counts.Requests["send"]);
        Assert.True(receipt.AlreadySent);
        Assert.Equal(1, emulator.State.Counts.SentPerRecipient[mission.Email.ToLowerInvariant()]);
    }

    [Fact]
    public async Task Emulator_DraftSentTwice_RefusesTheSecondSendAsAlreadySent()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator);
        var receipt = await transport.SendAsync(this.CopyFor(AllMissions[5]), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = emulator.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.State.Tokens.Issue(DateTimeOffset.UtcNow.AddMinutes(5)));

        using var again = await http.PostAsync(new Uri($"v1.0/users/{Uri.EscapeDataString(Sender)}/messages/{Uri.EscapeDataString(receipt.ProviderMessageId!)}/send", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(("ErrorInvalidRequest", "The message has already been sent."), (error.GetProperty("code").GetString(), error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task SendAsync_MessageSent_GoesOnToTheSmtpServerWithItsMessageIdAndHeader()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits(), deliverOnward: true);
        using var transport = Transport(emulator);
        using var smtp4dev = new Smtp4devClient(TestStack.Smtp4devUrl);
        var mail = this.CopyFor(AllMissions[4]) with { Subject = $"Graph onward {this.letterId}" };

        await transport.SendAsync(mail, CancellationToken.None);

        var received = Assert.Single(await smtp4dev.WaitForSubjectAsync(mail.Subject, 1));
        Assert.Equal([AllMissions[4].Email], received.To);
        Assert.Equal(Sender, received.From);
    }

    [Fact]
    public async Task Emulator_CallWithoutBearerOrTokenWithoutIdentityHeader_Is401()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var http = new HttpClient { BaseAddress = emulator.Address };

        using var noBearer = await http.GetAsync(new Uri("v1.0/users/pga.circulation%40un.example/mailFolders/sentitems", UriKind.Relative));
        using var forged = new HttpRequestMessage(HttpMethod.Get, "v1.0/users/pga.circulation%40un.example/mailFolders/sentitems");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "emu.99999999999.00");
        using var forgedAnswer = await http.SendAsync(forged);
        using var noHeader = await http.GetAsync(new Uri("msi/token?api-version=2019-08-01&resource=https://graph.microsoft.com", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, noBearer.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", JsonDocument.Parse(await noBearer.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noHeader.StatusCode);
    }

    [Fact]
    public async Task Emulator_DraftNamingAPropertyTwice_Is400AndCreatesNothing()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var http = new HttpClient { BaseAddress = emulator.Address };
        using var create = new HttpRequestMessage(HttpMethod.Post, "v1.0/users/pga.circulation%40un.example/messages")
        {
            Content = new StringContent(
                """{"subject":"twice","attachments":null,"toRecipients":[{"emailAddress":{"address":"x@missions.example"}}],"attachments":null}""",
                MediaTypeHeaderValue.Parse("application/json")),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.State.Tokens.Issue(DateTimeOffset.UtcNow.AddMinutes(5)));

        using var answer = await http.SendAsync(create);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("RequestBodyRead", error.GetProperty("code").GetString());
        Assert.Contains("twice", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(emulator.State.FindMailbox(Sender)!.Find(null, _ => true, m => m));
    }

    [Fact]
    public async Task Emulator_OverTheMessageRate_Answers429ApplicationThrottledWithRetryAfter()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits { MessagesPerWindow = 2, MessageWindow = TimeSpan.FromMinutes(1) });
        using var transport = Transport(emulator);
        await transport.SendAsync(this.CopyFor(AllMissions[5]), CancellationToken.None);
        await transport.SendAsync(this.CopyFor(AllMissions[6]), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = emulator.Address };
        string token = emulator.State.Tokens.Issue(DateTimeOffset.UtcNow.AddMinutes(5));
        using var create = new HttpRequestMessage(HttpMethod.Post, "v1.0/users/pga.circulation%40un.example/sendMail")
        {
            Content = new StringContent("""{"message":{"subject":"third","toRecipients":[{"emailAddress":{"address":"x@missions.example"}}]}}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var answer = await http.SendAsync(create);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("ApplicationThrottled", JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, emulator.State.Counts.Throttled["MessageSubmissionRate"]);
    }

    [Fact]
    public async Task SendAsync_DraftLeftInAMailboxWithoutBudget_SendsFromAnotherSenderAndDeletesTheLeftover()
    {
        const string Other = "pga.office@un.example";
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits());
        using var transport = Transport(emulator, o =>
        {
            o.Senders.Add(Other);
            (o.RecipientsPerDay, o.RecipientWindow) = (1, TimeSpan.FromMinutes(10));
        });
        var missions = AllMissions.Skip(10).Where(m => transport.SenderFor(this.CopyFor(m).MessageId) == Sender).Take(2).ToList();
        await transport.SendAsync(this.CopyFor(missions[0]), CancellationToken.None);
        var mail = this.CopyFor(missions[1]);
        var leftover = new EmulatedMessage { Id = "AAMkAGleftover2", Mailbox = Sender, InternetMessageId = $"<{mail.MessageId}>", CreatedAt = DateTimeOffset.UtcNow };
        leftover.To.Add((missions[1].Email, missions[1].Name));
        emulator.State.FindMailbox(Sender)!.Add(leftover);

        var receipt = await transport.SendAsync(mail, CancellationToken.None);
        var again = await transport.SendAsync(mail, CancellationToken.None);

        Assert.Equal((Other, Other, true), (receipt.Sender, again.Sender, again.AlreadySent));
        Assert.Empty(emulator.State.FindMailbox(Sender)!.Find("drafts", _ => true, m => m));
        Assert.Equal(1, emulator.State.Counts.Requests["delete"]);
        AssertEachOnce(emulator, missions);
    }

    [Fact]
    public async Task SendAsync_Unpaced_SendsWithoutASingleLedgerRoundTrip()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(EmulatorLimits.None);
        var ledgers = new InMemoryMailboxLedgerStore();
        using var transport = Transport(emulator, o => o.MessagesPerWindow = 0, ledgers);
        var missions = AllMissions.Skip(20).Take(40).ToList();

        await SendAllAsync(transport, missions.Select(this.CopyFor), parallelism: 16);

        AssertEachOnce(emulator, missions);
        Assert.Equal((0, 0), (ledgers.Reads, ledgers.Writes));
    }

    [Fact]
    public async Task Emulator_OverTheRecipientBudget_Answers429RecipientRateLimitWithRetryAfter()
    {
        var emulator = await GraphEmulator.GetAsync();
        emulator.Reset(new EmulatorLimits { RecipientsPerWindow = 2, RecipientWindow = TimeSpan.FromMinutes(10) });
        using var transport = Transport(emulator, o => o.RecipientsPerDay = 0);
        await transport.SendAsync(this.CopyFor(AllMissions[7]), CancellationToken.None);
        await transport.SendAsync(this.CopyFor(AllMissions[8]), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = emulator.Address };
        using var third = new HttpRequestMessage(HttpMethod.Post, "v1.0/users/pga.circulation%40un.example/sendMail")
        {
            Content = new StringContent("""{"message":{"subject":"third","toRecipients":[{"emailAddress":{"address":"x@missions.example"}}]}}""", MediaTypeHeaderValue.Parse("application/json")),
        };
        third.Headers.Authorization = new AuthenticationHeaderValue("Bearer", emulator.State.Tokens.Issue(DateTimeOffset.UtcNow.AddMinutes(5)));

        using var answer = await http.SendAsync(third);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.InRange(answer.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.Equal(1, emulator.State.Counts.Throttled["RecipientRateLimit"]);
    }

    private static GraphMailTransport Transport(GraphEmulator emulator, Action<GraphOptions>? configure = null, InMemoryMailboxLedgerStore? ledgers = null)
    {
        var options = new GraphOptions { BaseUrl = emulator.GraphUrl, RequestTimeout = TimeSpan.FromSeconds(10) };
        options.Senders.Add(Sender);
        configure?.Invoke(options);
        return new GraphMailTransport(
            Options.Create(options),
            Options.Create(new MailOptions { TransientRetries = 8, RetryDelay = TimeSpan.FromMilliseconds(20) }),
            ledgers ?? new InMemoryMailboxLedgerStore(),
            TimeProvider.System,
            NullLogger<GraphMailTransport>.Instance);
    }

    private static async Task SendAllAsync(GraphMailTransport transport, IEnumerable<OutgoingMail> mails, int parallelism, bool retryWhole = false)
    {
        await Parallel.ForEachAsync(mails, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (mail, ct) =>
        {
            for (int whole = 1; ; whole++)
            {
                try
                {
                    await transport.SendAsync(mail, ct);
                    return;
                }
                catch (MailDeliveryException ex) when (retryWhole && !ex.IsPermanent && whole < 5)
                {
                }
            }
        });
    }

    private static void AssertEachOnce(GraphEmulator emulator, IReadOnlyList<Mission> missions)
    {
        var counts = emulator.State.Counts.SentPerRecipient;
        Assert.All(missions, m => Assert.Equal(1, counts.GetValueOrDefault(m.Email.ToLowerInvariant())));
        Assert.Equal(missions.Count, counts.Values.Sum());
    }

    private OutgoingMail CopyFor(Mission mission)
    {
        var draft = new LetterDraft(
            "Graph transport test", new DateOnly(2026, 12, 1), "I have the honour to write.",
            new Signatory("Amina Rahman", "President of the General Assembly", "president@un.example"),
            ["approver@un.example"], MissionDirectory.PermanentRepresentativesAndObserversListId, "drafter@un.example");
        return LetterMails.MissionCopy(this.letterId, draft, mission, Pdf, new Uri("https://circulation.example/verify"));
    }
}
