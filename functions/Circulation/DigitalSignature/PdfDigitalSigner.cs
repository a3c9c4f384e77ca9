using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace Circulation.DigitalSignature;

/// <summary>
/// Signs a finished PDF once, as PAdES B-T: PDFsharp adds an invisible signature field and reserves its /Contents; the
/// SubFilter becomes <c>/ETSI.CAdES.detached</c>; the CAdES signature over the byte range (the whole file but the
/// placeholder) is made with one key operation and timestamped, then written into the placeholder.
/// </summary>
public sealed class PdfDigitalSigner
{
    /// <summary>The reason shown by PDF readers.</summary>
    public const string Reason = "Circulated by the Office of the President of the General Assembly";

    private static readonly byte[] PdfSharpSubFilter = "/adbe.pkcs7.detached"u8.ToArray();
    private static readonly byte[] PadesSubFilter = "/ETSI.CAdES.detached"u8.ToArray();

    /// <summary>How far from /Contents the SubFilter entry of the same dictionary may be.</summary>
    private const int DictionaryReach = 4096;

    private readonly ISigningKey key;
    private readonly TimestampClient timestamps;
    private readonly TimeProvider clock;

    /// <summary>Creates the signer.</summary>
    public PdfDigitalSigner(ISigningKey key, TimestampClient timestamps, TimeProvider clock)
    {
        this.key = key;
        this.timestamps = timestamps;
        this.clock = clock;
    }

    /// <summary>The certificate signatures are made with now.</summary>
    public string CertificateThumbprint => this.key.Certificate.Certificate.Thumbprint;

    /// <summary>Signs <paramref name="pdf"/> (a PDF without a signature).</summary>
    /// <exception cref="SigningUnavailableException">The key or the timestamp authority did not answer, after retries.</exception>
    public async Task<DigitallySignedPdf> SignAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        byte[] prepared = await this.AddPlaceholderAsync(pdf).ConfigureAwait(false);
        var layout = SignedPdfLayout.Find(prepared);
        ReplaceSubFilter(prepared, layout);
        byte[] cms = await CadesSignature.CreateAsync(layout.SignedContent(prepared), this.key, this.timestamps, cancellationToken).ConfigureAwait(false);
        int room = (layout.GapEnd - layout.GapStart - 2) / 2;
        if (cms.Length > room)
        {
            throw new InvalidOperationException($"The signature ({cms.Length} bytes) does not fit the {room} bytes reserved for it in the PDF.");
        }

        byte[] hex = Encoding.ASCII.GetBytes(Convert.ToHexString(cms));
        hex.CopyTo(prepared, layout.GapStart + 1);
        prepared.AsSpan(layout.GapStart + 1 + hex.Length, (room * 2) - hex.Length).Fill((byte)'0');
        return new DigitallySignedPdf(prepared, this.CertificateThumbprint);
    }

    /// <summary>The SHA-1 thumbprint of the certificate <paramref name="signedPdf"/>'s digital signature was made with.</summary>
    /// <exception cref="InvalidDataException">The PDF has no signature covering the whole document.</exception>
    public static string ThumbprintOf(byte[] signedPdf)
    {
        ArgumentNullException.ThrowIfNull(signedPdf);
        var layout = SignedPdfLayout.Find(signedPdf);
        byte[] contents = Convert.FromHexString(Encoding.ASCII.GetString(signedPdf, layout.GapStart + 1, layout.GapEnd - layout.GapStart - 2));

        // The placeholder is longer than the CMS: what follows the CMS's own DER length is padding.
        System.Formats.Asn1.AsnDecoder.ReadEncodedValue(contents, System.Formats.Asn1.AsnEncodingRules.BER, out _, out _, out int length);
        var cms = new System.Security.Cryptography.Pkcs.SignedCms();
        cms.Decode(contents.AsSpan(0, length));
        return cms.SignerInfos[0].Certificate?.Thumbprint
            ?? throw new InvalidDataException("The PDF's signature does not carry its signing certificate.");
    }

    private async Task<byte[]> AddPlaceholderAsync(byte[] pdf)
    {
        using var input = new MemoryStream(pdf, writable: false);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        var options = new DigitalSignatureOptions
        {
            Reason = Reason,
            Location = "United Nations, New York",
            AppName = "Circulation",
            PageIndex = 0,
            Rectangle = new XRect(0, 0, 0, 0),
        };
        var certificate = this.key.Certificate.Certificate;
        DigitalSignatureHandler.ForDocument(document, new PlaceholderSigner(
                certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
                this.clock.GetUtcNow().UtcDateTime,
                PlaceholderSigner.ReserveFor(this.key.Certificate)),
            options);
        using var output = new MemoryStream();
        await document.SaveAsync(output, closeStream: false).ConfigureAwait(false);
        return output.ToArray();
    }

    /// <summary>PDFsharp writes /adbe.pkcs7.detached; PAdES wants /ETSI.CAdES.detached, of the same length, so no offset moves.</summary>
    private static void ReplaceSubFilter(byte[] pdf, SignedPdfLayout layout)
    {
        int before = Math.Max(0, layout.GapStart - DictionaryReach);
        int after = Math.Min(pdf.Length, layout.GapEnd + DictionaryReach);
        int at = pdf.AsSpan(before, layout.GapStart - before).LastIndexOf(PdfSharpSubFilter);
        at = at >= 0 ? before + at : pdf.AsSpan(layout.GapEnd, after - layout.GapEnd).IndexOf(PdfSharpSubFilter) is var next and >= 0 ? layout.GapEnd + next : -1;
        if (at < 0)
        {
            throw new InvalidDataException("The signature dictionary PDFsharp wrote has no /SubFilter /adbe.pkcs7.detached to replace.");
        }

        PadesSubFilter.CopyTo(pdf, at);
    }
}
