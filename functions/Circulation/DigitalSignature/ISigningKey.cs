namespace Circulation.DigitalSignature;

/// <summary>The private key that signs letters, wherever it is kept: it signs a digest and never hands itself out.</summary>
public interface ISigningKey
{
    /// <summary>Its certificate and the issuers embedded in every signature.</summary>
    SigningCertificate Certificate { get; }

    /// <summary>Which key this is, for messages, e.g. "Key Vault key https://…" (never a secret).</summary>
    string Description { get; }

    /// <summary>Signs a SHA-256 digest with RSASSA-PKCS1-v1_5 (RS256): one key operation.</summary>
    /// <exception cref="SigningUnavailableException">The key could not be reached or refused, after retries.</exception>
    Task<byte[]> SignHashAsync(byte[] sha256, CancellationToken cancellationToken);
}
