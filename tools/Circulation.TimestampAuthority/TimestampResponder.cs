using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;

namespace Circulation.TimestampAuthority;

/// <summary>Answers RFC 3161 timestamp requests (DER in, DER out), signing tokens with the development TSA certificate.</summary>
public sealed class TimestampResponder
{
    /// <summary>The policy this development TSA states in its tokens (an arbitrary, private OID).</summary>
    public const string PolicyOid = "1.3.6.1.4.1.55555.1.1";

    private readonly TimeStampTokenGenerator tokens;
    private readonly TimeProvider clock;
    private long serial = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    /// <summary>Creates a responder signing with <paramref name="tsaCertificate"/> (with its RSA private key), naming <paramref name="chain"/> in tokens on request.</summary>
    public TimestampResponder(X509Certificate2 tsaCertificate, IEnumerable<X509Certificate2> chain, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tsaCertificate);
        using var rsa = tsaCertificate.GetRSAPrivateKey() ?? throw new ArgumentException("The TSA certificate has no RSA private key.", nameof(tsaCertificate));
        var key = DotNetUtilities.GetRsaKeyPair(rsa.ExportParameters(true)).Private;
        var certificate = DotNetUtilities.FromX509Certificate(tsaCertificate);
        this.tokens = new TimeStampTokenGenerator(key, certificate, TspAlgorithms.Sha256, PolicyOid);
        this.tokens.SetCertificates(CollectionUtilities.CreateStore(new[] { certificate }.Concat(chain.Select(DotNetUtilities.FromX509Certificate)).ToList()));
        this.clock = clock;
    }

    /// <summary>The DER timestamp response to the DER request <paramref name="request"/>: granted, or rejected with a status for a bad request.</summary>
    public byte[] Respond(byte[] request)
    {
        var generator = new TimeStampResponseGenerator(this.tokens, TspAlgorithms.Allowed);
        var serialNumber = BigInteger.ValueOf(Interlocked.Increment(ref this.serial));
        try
        {
            var parsed = new TimeStampRequest(request);
            return generator.Generate(parsed, serialNumber, this.clock.GetUtcNow().UtcDateTime).GetEncoded();
        }
        catch (Exception ex) when (ex is IOException or TspException or ArgumentException)
        {
            return generator.GenerateFailResponse(Org.BouncyCastle.Asn1.Cmp.PkiStatus.Rejection, Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadDataFormat, ex.Message).GetEncoded();
        }
    }
}
