using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Circulation.DigitalSignature;

/// <summary>
/// Refuses start-up when the letters could not be signed: a mode half set, a certificate that cannot be read, has expired,
/// is not yet valid, may not sign documents, is not RSA, or (in development mode) comes without its private key.
/// </summary>
public sealed class SigningOptionsValidator : IValidateOptions<SigningOptions>
{
    private readonly TimeProvider clock;

    /// <summary>Creates the validator.</summary>
    public SigningOptionsValidator(TimeProvider clock) => this.clock = clock;

    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.TimestampUrl, UriKind.Absolute, out var tsa) || (tsa.Scheme != Uri.UriSchemeHttp && tsa.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"Signing:TimestampUrl must be the http(s) address of an RFC 3161 timestamp authority; it is '{options.TimestampUrl}'.");
        }

        if (options.UsesKeyVault)
        {
            if (!Uri.TryCreate(options.KeyVaultKeyId, UriKind.Absolute, out var key) || key.Scheme != Uri.UriSchemeHttps || !key.AbsolutePath.StartsWith("/keys/", StringComparison.Ordinal))
            {
                failures.Add($"Signing:KeyVaultKeyId must be a Key Vault key identifier (https://<vault>.vault.azure.net/keys/<name>); it is '{options.KeyVaultKeyId}'.");
            }

            if (string.IsNullOrWhiteSpace(options.CertificateChainPem))
            {
                failures.Add("Signing:CertificateChainPem is required with Signing:KeyVaultKeyId: the signing certificate as PEM, then its intermediates and root.");
            }

            if (!string.IsNullOrWhiteSpace(options.CertificatePfxPath))
            {
                failures.Add("Signing:CertificatePfxPath is set as well as Signing:KeyVaultKeyId: set one (Key Vault in Azure, the file for development only).");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.CertificatePfxPath))
        {
            failures.Add("Signing:KeyVaultKeyId is not set, nor Signing:CertificatePfxPath: set Signing:KeyVaultKeyId with Signing:CertificateChainPem (Azure), or Signing:CertificatePfxPath with Signing:CertificatePfxPassword (development only).");
        }

        if (failures.Count == 0)
        {
            failures.AddRange(this.CertificateProblems(options));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private IEnumerable<string> CertificateProblems(SigningOptions options)
    {
        string source = options.UsesKeyVault ? "Signing:CertificateChainPem" : $"Signing:CertificatePfxPath ({options.CertificatePfxPath})";
        SigningCertificate loaded;
        try
        {
            loaded = SigningCertificate.Load(options);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return [$"{source} cannot be read: {ex.Message}"];
        }

        var problems = new List<string>();
        var now = this.clock.GetUtcNow().UtcDateTime;
        foreach (var certificate in loaded.Issuers.Prepend(loaded.Certificate))
        {
            string role = ReferenceEquals(certificate, loaded.Certificate) ? "The signing certificate" : "The certificate";
            if (certificate.NotAfter.ToUniversalTime() < now)
            {
                problems.Add($"{role} {SigningCertificate.Describe(certificate)} in {source} has expired.");
            }
            else if (certificate.NotBefore.ToUniversalTime() > now)
            {
                problems.Add($"{role} {SigningCertificate.Describe(certificate)} in {source} is not yet valid.");
            }
        }

        var signer = loaded.Certificate;
        using (var publicKey = signer.GetRSAPublicKey())
        {
            if (publicKey is null)
            {
                problems.Add($"The signing certificate {SigningCertificate.Describe(signer)} has no RSA key; signatures are RSA with SHA-256 (RS256).");
            }
        }

        var usage = signer.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        if (usage is not null && (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            problems.Add($"The signing certificate {SigningCertificate.Describe(signer)} may not sign documents: its key usage ({usage.KeyUsages}) has neither digitalSignature nor nonRepudiation.");
        }

        if (!options.UsesKeyVault && !signer.HasPrivateKey)
        {
            problems.Add($"{source} holds the certificate {SigningCertificate.Describe(signer)} without its private key.");
        }

        return problems;
    }
}
