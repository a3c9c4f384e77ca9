using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.RegularExpressions;
using Circulation.DigitalSignature;
using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Checks a letter's PAdES signature as a mission's tools would: poppler's pdfsig (read by its words: it exits 0 even on
/// a digest mismatch) with an NSS database trusting the development CA, openssl cms over the byte range, and the
/// timestamp token in .NET.
/// </summary>
internal static partial class PdfSignatureAssertions
{
    private static readonly Lazy<string> NssDatabase = new(CreateNssDatabase);

    /// <summary>Asserts <paramref name="pdf"/> carries one valid, trusted PAdES B-T signature over the whole document.</summary>
    public static void AssertValidPadesSignature(byte[] pdf)
    {
        string report = Pdfsig(pdf);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", report, StringComparison.Ordinal);
        Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
        Assert.Contains("Certificate Validation: Certificate is Trusted.", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
        Assert.Single(SignatureHeading().Matches(report));

        // openssl over the signed bytes (the file without /Contents), against the development CA.
        var layout = SignedPdfLayout.Find(pdf);
        var (verified, output) = OpensslCmsVerify(pdf);
        Assert.True(verified, "openssl cms -verify: " + output);

        // The timestamp token verifies over the signature, within a minute of the signing time the PDF states (/M).
        var cms = new SignedCms(new ContentInfo(layout.SignedContent(pdf)), detached: true);
        cms.Decode(Signature(pdf, layout));
        var signer = cms.SignerInfos[0];
        var stamp = signer.UnsignedAttributes.Cast<System.Security.Cryptography.CryptographicAttributeObject>().Single(a => a.Oid.Value == CadesSignature.TimestampTokenOid);
        Assert.True(Rfc3161TimestampToken.TryDecode(stamp.Values[0].RawData, out var token, out _), "The timestamp token does not decode.");
        Assert.True(token!.VerifySignatureForSignerInfo(signer, out _), "The timestamp token does not verify over the signature.");
        var signedAt = SigningTime(pdf);
        Assert.InRange(token.TokenInfo.Timestamp, signedAt.AddMinutes(-1), signedAt.AddMinutes(1));
    }

    /// <summary>Whether <c>openssl cms -verify</c> verifies the CMS in <paramref name="pdf"/>'s /Contents over its byte range, against the development CA; and what it said.</summary>
    public static (bool Verified, string Output) OpensslCmsVerify(byte[] pdf)
    {
        var layout = SignedPdfLayout.Find(pdf);
        string dir = Scratch();
        File.WriteAllBytes(Path.Combine(dir, "signature.der"), Signature(pdf, layout));
        File.WriteAllBytes(Path.Combine(dir, "ranges.bin"), layout.SignedContent(pdf));
        var (status, output) = Run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", Path.Combine(dir, "signature.der"),
            "-content", Path.Combine(dir, "ranges.bin"), "-CAfile", CaCertificate, "-purpose", "any", "-out", Path.Combine(dir, "out.bin")]);
        Directory.Delete(dir, recursive: true);
        return (status == 0 && output.Contains("Verification successful", StringComparison.Ordinal), output);
    }

    /// <summary>What pdfsig says about <paramref name="pdf"/>, trusting the development CA.</summary>
    public static string Pdfsig(byte[] pdf)
    {
        string dir = Scratch();
        string file = Path.Combine(dir, "letter.pdf");
        File.WriteAllBytes(file, pdf);
        var (_, output) = Run("pdfsig", ["-nssdir", "sql:" + NssDatabase.Value, file]);
        Directory.Delete(dir, recursive: true);
        return output;
    }

    private static string CaCertificate => Path.Combine(TestEnvironment.PkiDirectory, "ca.crt");

    /// <summary>The DER signature in /Contents, without the zeros padding the placeholder (its outer length says where it ends).</summary>
    private static byte[] Signature(byte[] pdf, SignedPdfLayout layout)
    {
        byte[] padded = Convert.FromHexString(Encoding.ASCII.GetString(pdf, layout.GapStart + 1, layout.GapEnd - layout.GapStart - 2));
        return new System.Formats.Asn1.AsnReader(padded, System.Formats.Asn1.AsnEncodingRules.BER).ReadEncodedValue().ToArray();
    }

    private static DateTimeOffset SigningTime(byte[] pdf)
    {
        var m = SigningTimeEntry().Match(Encoding.Latin1.GetString(pdf));
        Assert.True(m.Success, "The signature dictionary has no /M.");
        var local = DateTime.ParseExact(m.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var offset = new TimeSpan(int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture), 0);
        return new DateTimeOffset(local, m.Groups[2].Value == "-" ? -offset : offset);
    }

    private static string CreateNssDatabase()
    {
        string dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "nss-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var (created, createOutput) = Run("certutil", ["-N", "-d", "sql:" + dir, "--empty-password"]);
        Assert.True(created == 0, "certutil -N: " + createOutput);
        var (added, addOutput) = Run("certutil", ["-A", "-d", "sql:" + dir, "-n", "Circulation Development CA", "-t", "CT,C,C", "-i", CaCertificate]);
        Assert.True(added == 0, "certutil -A: " + addOutput);
        return dir;
    }

    private static string Scratch()
    {
        string dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "signatures", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static (int Status, string Output) Run(string command, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    [GeneratedRegex(@"^Signature #\d+:", RegexOptions.Multiline)]
    private static partial Regex SignatureHeading();

    [GeneratedRegex(@"/M\s*\(D:(\d{14})([+\-Z])(\d{2})'(\d{2})'?\)")]
    private static partial Regex SigningTimeEntry();
}
