using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Circulation.DigitalSignature;

/// <summary>
/// Builds the detached CAdES signature a PAdES B-T PDF carries: SHA-256, an ESS signing-certificate-v2 attribute, no
/// signing-time attribute, the certificate chain, and an RFC 3161 timestamp over the signature as an unsigned attribute.
/// </summary>
public static class CadesSignature
{
    /// <summary>id-aa-signingCertificateV2 (RFC 5035).</summary>
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    /// <summary>id-aa-signatureTimeStampToken (RFC 3161, appendix A).</summary>
    public const string TimestampTokenOid = "1.2.840.113549.1.9.16.2.14";

    /// <summary>id-signingTime, which PAdES forbids inside the CMS (the time is the /M entry and the timestamp).</summary>
    public const string SigningTimeOid = "1.2.840.113549.1.9.5";

    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    /// <summary>Signs <paramref name="content"/> (the PDF's byte ranges) with <paramref name="key"/>: exactly one key operation, then one timestamp.</summary>
    /// <exception cref="SigningUnavailableException">The key or the timestamp authority did not answer.</exception>
    public static async Task<byte[]> CreateAsync(byte[] content, ISigningKey key, TimestampClient timestamps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(timestamps);
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        using (var rsa = new KeyDelegatingRsa(key, cancellationToken))
        {
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, key.Certificate.Certificate, rsa)
            {
                DigestAlgorithm = new Oid(Sha256Oid),
                IncludeOption = X509IncludeOption.EndCertOnly,
                SignaturePadding = RSASignaturePadding.Pkcs1,
            };
            signer.Certificates.AddRange(key.Certificate.Issuers.ToArray());
            signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, EncodeSigningCertificateV2(key.Certificate.Certificate)));
            try
            {
                cms.ComputeSignature(signer, silent: true);
            }
            catch (CryptographicException ex) when (ex.InnerException is SigningUnavailableException or InvalidOperationException)
            {
                // The key's own failure, in its own words, rather than wrapped in the CMS code's.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
                throw;
            }
        }

        var token = await timestamps.TimestampAsync(cms.SignerInfos[0], cancellationToken).ConfigureAwait(false);
        cms.SignerInfos[0].AddUnsignedAttribute(new AsnEncodedData(TimestampTokenOid, token.AsSignedCms().Encode()));
        return cms.Encode();
    }

    /// <summary>SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } with one ESSCertIDv2: SHA-256 (the default, so omitted), the hash, issuer and serial.</summary>
    private static byte[] EncodeSigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(certificate.IssuerName.RawData);
                }

                writer.WriteInteger(Convert.FromHexString(certificate.SerialNumber));
            }
        }

        return writer.Encode();
    }
}
