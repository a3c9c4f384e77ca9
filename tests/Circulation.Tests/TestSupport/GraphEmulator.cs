using System.Globalization;
using Circulation.ExchangeEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// The Exchange emulator, started once in this test process on a free port of 127.0.0.1. It sets IDENTITY_ENDPOINT and
/// IDENTITY_HEADER for the process, so the Graph transport signs in with the real ManagedIdentityCredential, as in Azure.
/// Tests that use it are in the <see cref="GraphEmulatorCollection"/> (one at a time) and set the limits and faults they need.
/// </summary>
public sealed class GraphEmulator
{
    /// <summary>The managed-identity secret the emulator expects.</summary>
    public const string IdentityHeader = "circulation-tests-identity-header";

    private static readonly Lazy<Task<GraphEmulator>> Shared = new(StartAsync);

    private GraphEmulator(WebApplication app)
    {
        this.App = app;
        this.Address = EmulatorApp.Address(app);
        this.State = app.Services.GetRequiredService<EmulatorState>();
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>http://127.0.0.1:port/.</summary>
    public Uri Address { get; }

    /// <summary>Graph's base URL on the emulator.</summary>
    public Uri GraphUrl => new(this.Address, "v1.0");

    /// <summary>The emulator's state (mailboxes, counts).</summary>
    public EmulatorState State { get; }

    /// <summary>The emulator of this test process, started on first use.</summary>
    public static Task<GraphEmulator> GetAsync() => Shared.Value;

    /// <summary>Empties the mailboxes and counts and sets the limits and faults for the next test; nothing goes on to SMTP unless asked.</summary>
    public void Reset(EmulatorLimits limits, EmulatorFaults? faults = null, bool deliverOnward = false)
    {
        this.State.Reset();
        this.State.Change(limits, faults ?? new EmulatorFaults());
        this.State.DeliverOnward = deliverOnward;
    }

    private static async Task<GraphEmulator> StartAsync()
    {
        string? smtpPort = Environment.GetEnvironmentVariable(TestStack.SmtpPortVariable);
        var app = EmulatorApp.Build([], s =>
        {
            s.Port = 0;
            s.IdentityHeader = IdentityHeader;
            s.Limits = EmulatorLimits.None;
            s.SmtpHost = smtpPort is null ? "" : "127.0.0.1";
            s.SmtpPort = smtpPort is null ? 25 : int.Parse(smtpPort, CultureInfo.InvariantCulture);
        });
        await app.StartAsync();
        var emulator = new GraphEmulator(app);
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(emulator.Address, "msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", IdentityHeader);
        return emulator;
    }
}
