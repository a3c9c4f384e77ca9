using Azure.Core;
using Azure.Storage.Blobs;
using Circulation.ExchangeEmulator;
using Circulation.Mail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// The Exchange emulator in the test process with two sending mailboxes, and Graph transports built in the test process
/// as hosts would build them, each with its own <see cref="BlobMailboxLedgerStore"/> on the test Azurite: two transports
/// over one container are two hosts sharing the ledgers; a new transport over the same container is a host restarted.
/// </summary>
public sealed class LedgerEmulatorFixture : IAsyncLifetime
{
    /// <summary>The first sending mailbox.</summary>
    public const string First = "pga.circulation@un.example";

    /// <summary>The second sending mailbox.</summary>
    public const string Second = "pga.office@un.example";

    private const string IdentityHeader = "ledger-tests-identity-header";
    private WebApplication? emulator;

    /// <summary>The emulator's state: mailboxes, limits, counts.</summary>
    public EmulatorState Emulator { get; private set; } = null!;

    /// <summary>Graph's base URL on the emulator.</summary>
    public Uri GraphUrl { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        this.emulator = EmulatorApp.Build([], s =>
        {
            s.Port = 0;
            s.IdentityHeader = IdentityHeader;
            s.Mailboxes = [First, Second];
            s.SmtpHost = "";
            s.Limits = EmulatorLimits.None;
        });
        await this.emulator.StartAsync();
        this.Emulator = this.emulator.Services.GetRequiredService<EmulatorState>();
        this.GraphUrl = new Uri(EmulatorApp.Address(this.emulator), "v1.0");
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (this.emulator is not null)
        {
            await this.emulator.StopAsync();
            await this.emulator.DisposeAsync();
        }
    }

    /// <summary>Empties the mailboxes and counts and sets the limits for the next test; nothing goes on to SMTP.</summary>
    public void Reset(EmulatorLimits limits)
    {
        this.Emulator.Reset();
        this.Emulator.Change(limits, new EmulatorFaults());
        this.Emulator.DeliverOnward = false;
    }

    /// <summary>A new, empty work container for one test's ledgers.</summary>
    public static async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobContainerClient(TestEnvironment.StorageConnectionString, $"ledger-{Guid.NewGuid():N}"[..30]);
        await container.CreateAsync();
        return container;
    }

    /// <summary>A transport ("host") sending from <paramref name="senders"/>, with its own ledger store over <paramref name="ledgers"/>.</summary>
    public GraphMailTransport Transport(BlobMailboxLedgerStore ledgers, IEnumerable<string> senders, Action<GraphOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new GraphOptions { BaseUrl = this.GraphUrl, RequestTimeout = TimeSpan.FromSeconds(5) };
        foreach (string sender in senders)
        {
            options.Senders.Add(sender);
        }

        configure(options);
        return new GraphMailTransport(
            Options.Create(options),
            Options.Create(new MailOptions { TransientRetries = 8, RetryDelay = TimeSpan.FromMilliseconds(100) }),
            ledgers,
            TimeProvider.System,
            NullLogger<GraphMailTransport>.Instance,
            new EmulatorCredential(this.Emulator.Tokens));
    }

    /// <summary>Signs in with tokens the emulator issues itself (the managed-identity endpoint is tested elsewhere).</summary>
    private sealed class EmulatorCredential(AccessTokens tokens) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var expires = DateTimeOffset.UtcNow.AddMinutes(30);
            return new AccessToken(tokens.Issue(expires), expires);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(this.GetToken(requestContext, cancellationToken));
    }
}
