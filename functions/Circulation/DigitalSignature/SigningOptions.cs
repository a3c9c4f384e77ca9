using System.ComponentModel.DataAnnotations;

namespace Circulation.DigitalSignature;

/// <summary>
/// The key and certificate that sign every letter's PDF, and the timestamp authority (section "Signing"). Two modes:
/// Key Vault (<see cref="KeyVaultKeyId"/> with <see cref="CertificateChainPem"/>), where the key never leaves the vault,
/// or, for development only, a PKCS#12 file (<see cref="CertificatePfxPath"/> with <see cref="CertificatePfxPassword"/>).
/// Checked at start-up by <see cref="SigningOptionsValidator"/>.
/// </summary>
public sealed class SigningOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Signing";

    /// <summary>The Key Vault key identifier (https://{vault}.vault.azure.net/keys/{name}[/{version}]); when set, Key Vault mode.</summary>
    public string? KeyVaultKeyId { get; set; }

    /// <summary>Key Vault mode: the certificates as PEM, the signing certificate first, then its intermediates and root.</summary>
    public string? CertificateChainPem { get; set; }

    /// <summary>Development mode: a PKCS#12 file holding the signing certificate with its key, and optionally its chain.</summary>
    public string? CertificatePfxPath { get; set; }

    /// <summary>Development mode: the password of <see cref="CertificatePfxPath"/>.</summary>
    public string? CertificatePfxPassword { get; set; }

    /// <summary>The RFC 3161 timestamp authority every signature is timestamped by.</summary>
    [Required]
    public string TimestampUrl { get; set; } = "";

    /// <summary>How often a failed call to the timestamp authority or the key is retried inside the signing step.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 3;

    /// <summary>The first delay between those retries (doubling, with jitter).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one call to the timestamp authority may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the key is in Key Vault (else in a local file).</summary>
    public bool UsesKeyVault => !string.IsNullOrWhiteSpace(this.KeyVaultKeyId);
}
