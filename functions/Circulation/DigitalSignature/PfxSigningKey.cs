using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Circulation.DigitalSignature;

/// <summary>Development only: the key of a local PKCS#12 file (<c>Signing:CertificatePfxPath</c>), held in memory.</summary>
public sealed class PfxSigningKey : ISigningKey, IDisposable
{
    private readonly RSA key;

    /// <summary>Loads the key and certificates <paramref name="options"/> name.</summary>
    public PfxSigningKey(SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.Certificate = SigningCertificate.Load(options);
        this.key = this.Certificate.Certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"{options.CertificatePfxPath} holds no RSA private key for {SigningCertificate.Describe(this.Certificate.Certificate)}.");
        this.Description = $"development key in {options.CertificatePfxPath}";
    }

    /// <inheritdoc/>
    public SigningCertificate Certificate { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken cancellationToken) =>
        Task.FromResult(this.key.SignHash(sha256, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <inheritdoc/>
    public void Dispose() => this.key.Dispose();
}
