using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Circulation.DigitalSignature;

/// <summary>
/// An <see cref="RSA"/> whose one private operation, signing a SHA-256 digest, is done by an <see cref="ISigningKey"/>:
/// what lets <see cref="System.Security.Cryptography.Pkcs.CmsSigner"/> build the CMS around a key it never holds.
/// </summary>
internal sealed class KeyDelegatingRsa : RSA
{
    private readonly ISigningKey key;
    private readonly RSA publicKey;
    private readonly CancellationToken cancellationToken;

    public KeyDelegatingRsa(ISigningKey key, CancellationToken cancellationToken)
    {
        this.key = key;
        this.cancellationToken = cancellationToken;
        this.publicKey = key.Certificate.Certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("The signing certificate has no RSA key.");
        this.KeySizeValue = this.publicKey.KeySize;
        this.LegalKeySizesValue = this.publicKey.LegalKeySizes;
    }

    /// <summary>How many signatures the key made through this instance.</summary>
    public int Operations { get; private set; }

    public override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw new CryptographicException("The signing key never leaves its store.") : this.publicKey.ExportParameters(false);

    public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException();

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        if (hashAlgorithm != HashAlgorithmName.SHA256 || padding != RSASignaturePadding.Pkcs1)
        {
            throw new CryptographicException($"The signing key signs SHA-256 with PKCS#1 v1.5 only, not {hashAlgorithm.Name} with {padding}.");
        }

        this.Operations++;

        // CmsSigner signs synchronously; the key's call is the one blocking wait of the signing step.
        byte[] signature = this.key.SignHashAsync(hash, this.cancellationToken).GetAwaiter().GetResult();

        // Start-up cannot tell whether a Key Vault key belongs to the configured certificate; a signature that every reader
        // would reject is refused here instead.
        return this.publicKey.VerifyHash(hash, signature, hashAlgorithm, padding)
            ? signature
            : throw new InvalidOperationException(
                $"The {this.key.Description} does not belong to the signing certificate {SigningCertificate.Describe(this.key.Certificate.Certificate)}: its signature does not verify with the certificate's public key. Check Signing:KeyVaultKeyId and Signing:CertificateChainPem.");
    }

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding) =>
        this.publicKey.VerifyHash(hash, signature, hashAlgorithm, padding);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.publicKey.Dispose();
        }

        base.Dispose(disposing);
    }
}
