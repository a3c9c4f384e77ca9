using Circulation.Drafting;

namespace Circulation.Signature;

/// <summary>The archived record of a signature (<c>signature/v{n}.json</c>), written with the signed PDF.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version signed.</param>
/// <param name="Signatory">Who signed.</param>
/// <param name="SignedAt">When.</param>
/// <param name="SignedPdfSha256">The SHA-256 of the signed PDF.</param>
/// <param name="LetterDate">The date the signed letter carries: its own, or for a letter without one the signing day in
/// the Office's time zone (null in records written before letters were dated on signing).</param>
/// <param name="ApprovedRenditionSha256">
/// The SHA-256 of the approved version's rendition (the PDF the approvers and the signatory were shown), from which the
/// signed PDF was rendered; null in records written before it was recorded.
/// </param>
/// <param name="SigningCertificateThumbprint">The SHA-1 thumbprint of the certificate the PDF's digital signature was made
/// with (null in records written before letters were digitally signed); docs/signing.md, "Key rotation".</param>
public sealed record SignatureRecord(
    string LetterId,
    int Version,
    Signatory Signatory,
    DateTimeOffset SignedAt,
    string SignedPdfSha256,
    DateOnly? LetterDate = null,
    string? ApprovedRenditionSha256 = null,
    string? SigningCertificateThumbprint = null);
