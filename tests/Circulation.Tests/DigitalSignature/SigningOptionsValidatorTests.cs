using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Circulation.DigitalSignature;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.DigitalSignature;

/// <summary>Start-up refuses signing settings that could not sign a letter, naming the setting or the certificate.</summary>
public sealed class SigningOptionsValidatorTests
{
    [Fact]
    public void DevelopmentPki_WithATimestampUrl_Starts()
    {
        Assert.Null(StartupValidation.Failure(new Dictionary<string, string?>()));
    }

    [Fact]
    public void NoKeyConfigured_FailsNamingBothModes()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Signing:CertificatePfxPath"] = null });

        Assert.Contains("Signing:KeyVaultKeyId is not set, nor Signing:CertificatePfxPath", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTimestampUrl_Fails()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Signing:TimestampUrl"] = null });

        Assert.Contains("Signing:TimestampUrl", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongPfxPassword_FailsSayingTheFileCannotBeRead()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Signing:CertificatePfxPassword"] = "wrong" });

        Assert.Contains($"Signing:CertificatePfxPath ({TestSigning.Pki.SigningPfxPath}) cannot be read", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiredCertificate_FailsNamingItsSubjectThumbprintAndDates()
    {
        using var expired = SelfSigned("CN=Expired Signing", DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-1), X509KeyUsageFlags.DigitalSignature);
        string? failure = FailureWith(expired);

        Assert.Contains($"The signing certificate 'CN=Expired Signing' (thumbprint {expired.Thumbprint}, valid {expired.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {expired.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC)", failure, StringComparison.Ordinal);
        Assert.Contains("has expired", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void NotYetValidCertificate_Fails()
    {
        using var future = SelfSigned("CN=Future Signing", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow.AddYears(1), X509KeyUsageFlags.DigitalSignature);

        string? failure = FailureWith(future);

        Assert.Contains("'CN=Future Signing'", failure, StringComparison.Ordinal);
        Assert.Contains("is not yet valid", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateWithoutASigningKeyUsage_Fails()
    {
        using var encipher = SelfSigned("CN=Encryption Only", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), X509KeyUsageFlags.KeyEncipherment);

        string? failure = FailureWith(encipher);

        Assert.Contains("may not sign documents", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyVaultMode_WithTheChainAsPem_Starts_AndWithoutIt_Fails()
    {
        var keyVault = new Dictionary<string, string?>
        {
            ["Signing:CertificatePfxPath"] = null,
            ["Signing:KeyVaultKeyId"] = "https://circulation-kv.vault.azure.net/keys/letter-signing/0123456789abcdef",
            ["Signing:CertificateChainPem"] = File.ReadAllText(TestSigning.Pki.SigningChainPath),
        };
        Assert.Null(StartupValidation.Failure(keyVault));

        keyVault["Signing:CertificateChainPem"] = null;
        Assert.Contains("Signing:CertificateChainPem is required", StartupValidation.Failure(keyVault), StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>The start-up failure with <paramref name="certificate"/> (and its key) as the development PKCS#12 file.</summary>
    private static string? FailureWith(X509Certificate2 certificate)
    {
        string path = Path.Combine(Path.GetTempPath(), $"circulation-signing-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pw"));
        try
        {
            return StartupValidation.Failure(new Dictionary<string, string?> { ["Signing:CertificatePfxPath"] = path, ["Signing:CertificatePfxPassword"] = "pw" });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
