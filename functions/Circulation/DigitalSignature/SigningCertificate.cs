using System.Security.Cryptography.X509Certificates;

namespace Circulation.DigitalSignature;

/// <summary>The signing certificate and the certificates above it, as the settings give them.</summary>
/// <param name="Certificate">The signing certificate (with its private key in development mode).</param>
/// <param name="Issuers">Its intermediates and root, embedded in every signature.</param>
public sealed record SigningCertificate(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Issuers)
{
    /// <summary>Subject, thumbprint and validity of <paramref name="certificate"/>, for messages.</summary>
    public static string Describe(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return $"'{certificate.Subject}' (thumbprint {certificate.Thumbprint}, valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC)";
    }

    /// <summary>Reads the certificates <paramref name="options"/> name: the PEM chain in Key Vault mode, else the PKCS#12 file.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The certificates cannot be read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SigningCertificate Load(SigningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesKeyVault)
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(options.CertificateChainPem ?? "");
            return chain.Count == 0
                ? throw new System.Security.Cryptography.CryptographicException("it holds no PEM certificate")
                : new SigningCertificate(chain[0], chain.Skip(1).ToList());
        }

        var file = X509CertificateLoader.LoadPkcs12CollectionFromFile(options.CertificatePfxPath!, options.CertificatePfxPassword, X509KeyStorageFlags.EphemeralKeySet);
        var signer = file.FirstOrDefault(c => c.HasPrivateKey) ?? file.FirstOrDefault()
            ?? throw new System.Security.Cryptography.CryptographicException("it holds no certificate");
        return new SigningCertificate(signer, file.Where(c => !ReferenceEquals(c, signer)).ToList());
    }
}
