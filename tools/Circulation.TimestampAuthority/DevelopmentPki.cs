using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Circulation.TimestampAuthority;

/// <summary>
/// The development PKI in one folder: a CA (<c>ca.crt</c>), a document-signing certificate with its key
/// (<c>signing.pfx</c>, password in <c>signing.password</c>, chain in <c>signing-chain.pem</c>) and a timestamping
/// certificate with its key (<c>tsa.pfx</c>, <c>tsa.password</c>). For local runs and tests only: nothing here is trusted anywhere else.
/// </summary>
public sealed class DevelopmentPki
{
    /// <summary>A certificate this close to its end is replaced (with the whole PKI).</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private DevelopmentPki(string directory) => this.Directory = directory;

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM) to trust.</summary>
    public string CaCertificatePath => Path.Combine(this.Directory, "ca.crt");

    /// <summary>The signing certificate and its private key (PKCS#12).</summary>
    public string SigningPfxPath => Path.Combine(this.Directory, "signing.pfx");

    /// <summary>The file holding the password of <see cref="SigningPfxPath"/>.</summary>
    public string SigningPasswordPath => Path.Combine(this.Directory, "signing.password");

    /// <summary>The signing certificate, then the CA (PEM): what Key Vault mode takes as <c>Signing:CertificateChainPem</c>.</summary>
    public string SigningChainPath => Path.Combine(this.Directory, "signing-chain.pem");

    /// <summary>The timestamping certificate and its private key (PKCS#12).</summary>
    public string TsaPfxPath => Path.Combine(this.Directory, "tsa.pfx");

    /// <summary>The file holding the password of <see cref="TsaPfxPath"/>.</summary>
    public string TsaPasswordPath => Path.Combine(this.Directory, "tsa.password");

    /// <summary>The password of <see cref="SigningPfxPath"/>.</summary>
    public string SigningPassword => File.ReadAllText(this.SigningPasswordPath).Trim();

    /// <summary>
    /// The PKI in <paramref name="directory"/>: reused when complete and every certificate is valid for at least 30 more
    /// days, otherwise made anew (a new CA, so trust stores built from the old one must be rebuilt).
    /// </summary>
    public static DevelopmentPki Ensure(string directory, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        var pki = new DevelopmentPki(Path.GetFullPath(directory));
        if (!pki.IsUsable(now))
        {
            pki.Create(now);
        }

        return pki;
    }

    /// <summary>Loads the timestamping certificate with its private key.</summary>
    public X509Certificate2 LoadTsaCertificate() =>
        X509CertificateLoader.LoadPkcs12FromFile(this.TsaPfxPath, File.ReadAllText(this.TsaPasswordPath).Trim(), X509KeyStorageFlags.EphemeralKeySet);

    /// <summary>Loads the CA certificate (public part only).</summary>
    public X509Certificate2 LoadCaCertificate() => X509CertificateLoader.LoadCertificateFromFile(this.CaCertificatePath);

    private bool IsUsable(DateTimeOffset now)
    {
        string[] files = [this.CaCertificatePath, this.SigningPfxPath, this.SigningPasswordPath, this.SigningChainPath, this.TsaPfxPath, this.TsaPasswordPath];
        if (!files.All(File.Exists))
        {
            return false;
        }

        try
        {
            using var ca = this.LoadCaCertificate();
            using var tsa = this.LoadTsaCertificate();
            var signingFile = X509CertificateLoader.LoadPkcs12CollectionFromFile(this.SigningPfxPath, this.SigningPassword, X509KeyStorageFlags.EphemeralKeySet);
            var signing = signingFile.Single(c => c.HasPrivateKey);
            return signingFile.Count == 2 && new[] { ca, tsa, signing }.All(c => c.NotBefore.ToUniversalTime() <= now.UtcDateTime && c.NotAfter.ToUniversalTime() - RenewBefore > now.UtcDateTime)
                && signing.Issuer == ca.Subject && tsa.Issuer == ca.Subject;
        }
        catch (Exception ex) when (ex is CryptographicException or InvalidOperationException or IOException)
        {
            return false;
        }
    }

    private void Create(DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(this.Directory);
        var start = now.AddMinutes(-5);

        using var caKey = RSA.Create(3072);
        var caRequest = new CertificateRequest("CN=Circulation Development CA, O=Circulation (development only)", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(start, now.AddYears(10));

        using var signing = Issue(ca, "CN=Circulation Development Signing, O=Circulation (development only)", start, now.AddYears(2),
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, null);
        using var tsa = Issue(ca, "CN=Circulation Development Timestamp Authority, O=Circulation (development only)", start, now.AddYears(5),
            X509KeyUsageFlags.DigitalSignature, new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));

        string signingPassword = NewPassword();
        string tsaPassword = NewPassword();
        WritePrivate(this.SigningPasswordPath, signingPassword);
        WritePrivate(this.TsaPasswordPath, tsaPassword);
        // The signing file carries the CA too, as a PKCS#12 from a real CA carries its chain: both are embedded in signatures.
        using var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);
        WritePrivate(this.SigningPfxPath, new X509Certificate2Collection { signing, caPublic }.Export(X509ContentType.Pkcs12, signingPassword)!);
        WritePrivate(this.TsaPfxPath, tsa.Export(X509ContentType.Pkcs12, tsaPassword));
        File.WriteAllText(this.SigningChainPath, signing.ExportCertificatePem() + "\n" + ca.ExportCertificatePem() + "\n");
        File.WriteAllText(this.CaCertificatePath, ca.ExportCertificatePem() + "\n");
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, DateTimeOffset notBefore, DateTimeOffset notAfter, X509KeyUsageFlags usage, X509Extension? extendedUsage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (extendedUsage is not null)
        {
            request.CertificateExtensions.Add(extendedUsage);
        }

        using var issued = request.Create(ca, notBefore, notAfter, PositiveSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>16 random bytes read as a positive DER integer (a serial number with its high bit set would be negative).</summary>
    private static byte[] PositiveSerial()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static void WritePrivate(string path, string text) => WritePrivate(path, System.Text.Encoding.UTF8.GetBytes(text));

    private static void WritePrivate(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(content);
    }
}
