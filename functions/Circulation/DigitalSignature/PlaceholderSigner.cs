using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;

namespace Circulation.DigitalSignature;

/// <summary>
/// Lets PDFsharp lay out the signature dictionary, its byte range and a fixed-size /Contents placeholder without
/// signing anything: <see cref="PdfDigitalSigner"/> fills the placeholder afterwards, with one key operation.
/// </summary>
internal sealed class PlaceholderSigner(string name, DateTime signedAt, int reservedBytes) : IDigitalSigner
{
    /// <summary>Room for the timestamp token: its own CMS with the authority's certificate (and at times its chain).</summary>
    public const int TimestampAllowance = 6_144;

    /// <summary>Room for the CMS structure around the certificates, the signed attributes and the signature value.</summary>
    public const int StructureAllowance = 1_536;

    public string CertificateName { get; } = name;

    public DateTime? SignatureTime { get; } = signedAt;

    /// <summary>
    /// The room to reserve for the CMS (bytes; the PDF holds twice as many hex digits, and every unused one is a zero that
    /// each mission's copy carries): the embedded certificates, the signature value, and the allowances above.
    /// </summary>
    public static int ReserveFor(SigningCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        int certificates = certificate.Issuers.Prepend(certificate.Certificate).Sum(c => c.RawData.Length);
        using var publicKey = certificate.Certificate.GetRSAPublicKey();
        int signature = (publicKey?.KeySize ?? 4096) / 8;
        return certificates + signature + TimestampAllowance + StructureAllowance;
    }

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(reservedBytes);

    public Task<byte[]> GetSignatureAsync(Stream stream) => Task.FromResult(Array.Empty<byte>());
}
