using System.Globalization;
using Circulation.ExchangeEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// A local host that sends through Microsoft Graph to the Exchange emulator, which runs in the test process on a free
/// port and hands every sent message on to the test smtp4dev (so links arrive as usual). The host signs in with the
/// real ManagedIdentityCredential against the emulator's App Service identity endpoint. Time is scaled: the mailbox
/// takes <see cref="MessagesPerWindow"/> messages per <see cref="Window"/>, and the host paces itself to the same.
/// </summary>
public sealed class GraphHostFixture : HostFixture
{
    /// <summary>Messages per window, as Exchange Online (30 per minute).</summary>
    public const int MessagesPerWindow = 30;

    /// <summary>The scaled minute.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The host's timeout for one Graph request: far above a local round trip (milliseconds) even on a loaded machine
    /// (3 s made the first requests time out while the whole suite started), and what the fault test's stalls outlast.
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private const string IdentityHeader = "integration-tests-identity-header";
    private const string Sender = "pga.circulation@un.example";
    private readonly WebApplication emulator;

    /// <summary>Starts the emulator (the host starts in <see cref="InitializeAsync"/>).</summary>
    public GraphHostFixture()
        : this(StartEmulator())
    {
    }

    private GraphHostFixture(WebApplication emulator)
        : base("graph", new Dictionary<string, string>
        {
            ["Mail__Transport"] = "Graph",
            ["Mail__Graph__BaseUrl"] = new Uri(EmulatorApp.Address(emulator), "v1.0").ToString(),
            ["Mail__Graph__Senders__0"] = Sender,
            ["Mail__Graph__MessagesPerWindow"] = MessagesPerWindow.ToString(CultureInfo.InvariantCulture),
            ["Mail__Graph__MessageWindow"] = Window.ToString("c", CultureInfo.InvariantCulture),
            ["Mail__Graph__RequestTimeout"] = RequestTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["Mail__RetryDelay"] = "00:00:00.100",
            ["Mail__TransientRetries"] = "8",
            ["IDENTITY_ENDPOINT"] = new Uri(EmulatorApp.Address(emulator), "msi/token").ToString(),
            ["IDENTITY_HEADER"] = IdentityHeader,
            ["Durable__MessageVisibilityTimeout"] = DurabilityHostFixture.MessageVisibilityTimeout,
        })
    {
        this.emulator = emulator;
        this.Emulator = emulator.Services.GetRequiredService<EmulatorState>();
    }

    /// <summary>The emulator's state: mailboxes, limits, faults and counts.</summary>
    public EmulatorState Emulator { get; }

    /// <summary>
    /// Empties the mailboxes and counts and sets the limits (Exchange's, scaled) and faults for the next test; sent messages
    /// go on to smtp4dev again.
    /// </summary>
    public void ResetEmulator(EmulatorFaults? faults = null)
    {
        this.Emulator.Reset();
        this.Emulator.DeliverOnward = true;
        this.Emulator.Change(
            new EmulatorLimits { MessagesPerWindow = MessagesPerWindow, MessageWindow = Window, ConcurrentRequests = 4 },
            faults ?? new EmulatorFaults());
    }

    /// <summary>
    /// Until the next reset, sent messages stay in the emulator, which counts them, and no longer go on to smtp4dev (nor
    /// do those still waiting to): once the links have been followed, the missions' copies would only fill smtp4dev,
    /// which the other collections' tests read at the same time.
    /// </summary>
    public void StopDeliveringOnward() => this.Emulator.DeliverOnward = false;

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await this.emulator.DisposeAsync();
    }

    private static WebApplication StartEmulator()
    {
        var app = EmulatorApp.Build([], s =>
        {
            s.Port = 0;
            s.IdentityHeader = IdentityHeader;
            s.Mailboxes = [Sender];
            s.SmtpHost = "127.0.0.1";
            s.SmtpPort = TestEnvironment.SmtpPort;
            s.Limits = new EmulatorLimits { MessagesPerWindow = MessagesPerWindow, MessageWindow = Window, ConcurrentRequests = 4 };
        });
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }
}
