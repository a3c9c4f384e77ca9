namespace Circulation.DigitalSignature;

/// <summary>A PDF with its digital signature.</summary>
/// <param name="Pdf">The signed file.</param>
/// <param name="CertificateThumbprint">The SHA-1 thumbprint of the certificate it was signed with (as Windows and Key Vault show it).</param>
public sealed record DigitallySignedPdf(byte[] Pdf, string CertificateThumbprint);
