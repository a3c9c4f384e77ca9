using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Circulation.DigitalSignature;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.DigitalSignature;

/// <summary>The PAdES B-T signature on a PDF, made with the development PKI and the in-process timestamp authority.</summary>
public sealed class PdfDigitalSignerTests
{
    [Fact]
    public async Task SignedPdf_CarriesOnePadesBTSignature_OverTheWholeDocument_WithOneKeyOperation()
    {
        byte[] original = TestPdfs.Create(2, "PADES");
        var key = new CountingKey(new PfxSigningKey(Options()));
        using var timestamps = new TimestampClient(Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<TimestampClient>.Instance);
        var before = DateTimeOffset.UtcNow;

        var signed = await new PdfDigitalSigner(key, timestamps, TimeProvider.System).SignAsync(original, CancellationToken.None);

        Assert.Equal(1, key.Operations);
        string text = Encoding.Latin1.GetString(signed.Pdf);
        Assert.Matches(@"/SubFilter\s*/ETSI\.CAdES\.detached", text);
        Assert.DoesNotContain("adbe.pkcs7", text, StringComparison.Ordinal);
        Assert.Equal(TestSigning.Pki.LoadCaCertificate().Issuer, key.Certificate.Certificate.Issuer);
        Assert.Equal(key.Certificate.Certificate.Thumbprint, signed.CertificateThumbprint);

        // The byte range is the whole file but the /Contents hex string; the CMS in it verifies over those bytes.
        var layout = SignedPdfLayout.Find(signed.Pdf);
        var cms = DecodeSignature(signed.Pdf, layout);
        cms.CheckSignature(new X509Certificate2Collection(), verifySignatureOnly: true);
        var signer = Assert.Single(cms.SignerInfos.Cast<SignerInfo>());
        Assert.Equal("2.16.840.1.101.3.4.2.1", signer.DigestAlgorithm.Value);

        // ESS signing-certificate-v2 naming the signing certificate's SHA-256; no signing-time; the chain embedded.
        var attributes = signer.SignedAttributes.Cast<CryptographicAttributeObject>().ToList();
        Assert.DoesNotContain(attributes, a => a.Oid.Value == CadesSignature.SigningTimeOid);
        var ess = Assert.Single(attributes, a => a.Oid.Value == CadesSignature.SigningCertificateV2Oid);
        Assert.Equal(SHA256.HashData(signer.Certificate!.RawData), FirstCertHash(ess.Values[0].RawData));
        Assert.Contains(cms.Certificates.Cast<X509Certificate2>(), c => c.Thumbprint == TestSigning.Pki.LoadCaCertificate().Thumbprint);
        Assert.True(ChainsToTheDevelopmentCa(signer.Certificate!, cms.Certificates), "The signing certificate does not chain to the development CA.");

        // The timestamp: an unsigned attribute over this signature, by a TSA chaining to the CA, at about the signing time.
        var stamp = Assert.Single(signer.UnsignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == CadesSignature.TimestampTokenOid);
        Assert.True(Rfc3161TimestampToken.TryDecode(stamp.Values[0].RawData, out var token, out _));
        Assert.True(token!.VerifySignatureForSignerInfo(signer, out var tsaCertificate), "The timestamp token does not verify over the signature.");
        Assert.True(ChainsToTheDevelopmentCa(tsaCertificate!, token.AsSignedCms().Certificates), "The TSA certificate does not chain to the development CA.");
        Assert.InRange(token.TokenInfo.Timestamp, before.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task SignedPdf_WithOneChangedByte_NoLongerVerifies()
    {
        using var timestamps = new TimestampClient(Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<TimestampClient>.Instance);
        var signed = await new PdfDigitalSigner(new PfxSigningKey(Options()), timestamps, TimeProvider.System).SignAsync(TestPdfs.Create(1, "TAMPER"), CancellationToken.None);
        var layout = SignedPdfLayout.Find(signed.Pdf);
        byte[] tampered = (byte[])signed.Pdf.Clone();
        tampered[layout.GapStart / 2] ^= 0x01;

        var cms = DecodeSignature(tampered, layout);

        Assert.ThrowsAny<CryptographicException>(() => cms.CheckSignature(new X509Certificate2Collection(), verifySignatureOnly: true));
    }

    [Fact]
    public async Task TimestampAuthorityNotAnswering_FailsInPlainWordsNamingIt_AfterTheRetries()
    {
        int closedPort = FreePort.Find();
        var options = Options($"http://127.0.0.1:{closedPort}/");
        options.Retries = 2;
        options.RetryDelay = TimeSpan.FromMilliseconds(10);
        using var timestamps = new TimestampClient(Microsoft.Extensions.Options.Options.Create(options), NullLogger<TimestampClient>.Instance);
        var signer = new PdfDigitalSigner(new PfxSigningKey(options), timestamps, TimeProvider.System);

        var ex = await Assert.ThrowsAsync<SigningUnavailableException>(() => signer.SignAsync(TestPdfs.Create(1, "DOWN"), CancellationToken.None));

        Assert.StartsWith($"The timestamp authority at http://127.0.0.1:{closedPort}/ did not answer: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyThatDoesNotBelongToTheCertificate_IsRefusedNamingBoth()
    {
        using var timestamps = new TimestampClient(Microsoft.Extensions.Options.Options.Create(Options()), NullLogger<TimestampClient>.Instance);
        using var otherCertificate = TestSigning.Pki.LoadTsaCertificate();
        var mismatched = new MismatchedKey(new PfxSigningKey(Options()), new SigningCertificate(otherCertificate, []));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new PdfDigitalSigner(mismatched, timestamps, TimeProvider.System).SignAsync(TestPdfs.Create(1, "MISMATCH"), CancellationToken.None));

        Assert.Contains($"does not belong to the signing certificate '{otherCertificate.Subject}' (thumbprint {otherCertificate.Thumbprint}", ex.Message, StringComparison.Ordinal);
    }

    private static SigningOptions Options(string? timestampUrl = null) => new()
    {
        CertificatePfxPath = TestSigning.Pki.SigningPfxPath,
        CertificatePfxPassword = TestSigning.Pki.SigningPassword,
        TimestampUrl = timestampUrl ?? TestSigning.TimestampUrl.ToString(),
    };

    private static SignedCms DecodeSignature(byte[] pdf, SignedPdfLayout layout)
    {
        string hex = Encoding.ASCII.GetString(pdf, layout.GapStart + 1, layout.GapEnd - layout.GapStart - 2);
        var cms = new SignedCms(new ContentInfo(layout.SignedContent(pdf)), detached: true);
        cms.Decode(Convert.FromHexString(hex));
        return cms;
    }

    private static byte[] FirstCertHash(byte[] signingCertificateV2)
    {
        var certs = new AsnReader(signingCertificateV2, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        return certs.ReadSequence().ReadOctetString();
    }

    private static bool ChainsToTheDevelopmentCa(X509Certificate2 certificate, X509Certificate2Collection extra)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(TestSigning.Pki.LoadCaCertificate());
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>The development key presenting another certificate, as a Key Vault key configured with the wrong chain would.</summary>
    private sealed class MismatchedKey(ISigningKey inner, SigningCertificate certificate) : ISigningKey
    {
        public SigningCertificate Certificate => certificate;

        public string Description => inner.Description;

        public Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken cancellationToken) => inner.SignHashAsync(sha256, cancellationToken);
    }

    /// <summary>The development key, counting its signing operations.</summary>
    private sealed class CountingKey(ISigningKey inner) : ISigningKey
    {
        public int Operations { get; private set; }

        public SigningCertificate Certificate => inner.Certificate;

        public string Description => inner.Description;

        public Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken cancellationToken)
        {
            this.Operations++;
            return inner.SignHashAsync(sha256, cancellationToken);
        }
    }
}
