using PdfSharp.Pdf.Signatures;

namespace Circulation.DigitalSignature;

/// <summary>
/// Lets PDFsharp lay out the signature dictionary, its byte range and a fixed-size /Contents placeholder without
/// signing anything: <see cref="PdfDigitalSigner"/> fills the placeholder afterwards, with one key operation.
/// </summary>
internal sealed class PlaceholderSigner(string name, DateTime signedAt) : IDigitalSigner
{
    /// <summary>The room reserved for the CMS (bytes; written as twice as many hex digits). The CMS is about 8 KB with the chain and the timestamp.</summary>
    public const int ReservedBytes = 24_000;

    public string CertificateName { get; } = name;

    public DateTime? SignatureTime { get; } = signedAt;

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(ReservedBytes);

    public Task<byte[]> GetSignatureAsync(Stream stream) => Task.FromResult(Array.Empty<byte>());
}
