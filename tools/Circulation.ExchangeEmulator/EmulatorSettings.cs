namespace Circulation.ExchangeEmulator;

/// <summary>The emulator's configuration (section "Emulator"); limits and faults can also be changed while it runs (PUT /emulator/settings).</summary>
public sealed class EmulatorSettings
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Emulator";

    /// <summary>Port on 127.0.0.1 (0: any free port).</summary>
    public int Port { get; set; } = 7073;

    /// <summary>The secret the managed-identity endpoint expects in X-IDENTITY-HEADER (what App Service puts in IDENTITY_HEADER). Tokens are signed with it, so they stay valid across restarts.</summary>
    public string IdentityHeader { get; set; } = "";

    /// <summary>Lifetime of issued access tokens.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The mailboxes that exist (any address when empty); others get 404 ErrorInvalidUser.</summary>
    public IReadOnlyList<string> Mailboxes { get; set; } = [];

    /// <summary>SMTP server every sent message goes on to (e.g. smtp4dev); no onward delivery when empty.</summary>
    public string SmtpHost { get; set; } = "";

    /// <summary>Port of <see cref="SmtpHost"/>.</summary>
    public int SmtpPort { get; set; } = 25;

    /// <summary>Per-mailbox limits.</summary>
    public EmulatorLimits Limits { get; set; } = new();

    /// <summary>Injected faults.</summary>
    public EmulatorFaults Faults { get; set; } = new();
}
