using System.Net;
using System.Text;
using Circulation.Approval;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// Attacks on the approval evidence over HTTP on the local stack: the rendition a link serves (approve/pdf, sign/pdf)
/// reaches only the link's addressee, with a current, genuine, unused link of the right purpose for that letter, and
/// comes with headers that keep it out of caches and other sites' frames; nothing else gets a byte of it.
/// </summary>
[Collection(Collections.Links)]
public sealed class IntegrityAttackTests(LinkHostFixture fixture)
{
    private static readonly byte[] PdfMagic = "%PDF"u8.ToArray();

    private CirculationClient Api => fixture.Api;

    [Fact]
    public async Task ApprovalPdf_AskedForByAnyoneButItsAddressee_OrWithAnAlteredExpiredForeignOrUsedLink_ServesNoPdf()
    {
        string tag = TestLetters.NewTag("PdfGate");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 2));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        string token = CirculationClient.TokenOf(link);
        string pdfPath = $"approve/pdf?token={Uri.EscapeDataString(token)}";
        var tokens = fixture.Host.LinkTokens();
        Assert.Equal(LinkTokenStatus.Valid, tokens.Check(token, out var genuine));

        // Another letter awaiting its own first approver: its link's token, and this letter's token re-aimed at it.
        string otherTag = TestLetters.NewTag("PdfOther");
        string otherId = await this.Api.CreateLetterAsync(TestLetters.Valid(otherTag, approvers: 1));
        var otherLink = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(otherTag)}", TestLetters.Approver(otherTag, 1));
        Assert.Equal(LinkTokenStatus.Valid, tokens.Check(CirculationClient.TokenOf(otherLink), out var otherGenuine));

        // Signed-in people who are not the addressee: the drafter, the next approver, the signatory, an admin.
        foreach (string intruder in new[] { TestPeople.Drafter, TestLetters.Approver(tag, 2), TestLetters.Signatory(tag), TestPeople.Admin })
        {
            var answer = await this.Api.As(intruder).GetBytesAsync(pdfPath);
            AssertNoPdf(answer, HttpStatusCode.Forbidden, $"{intruder} on approve/pdf");
        }

        // Nobody signed in: sent to sign in, no PDF.
        using (var anonymous = this.Api.Anonymous())
        {
            var answer = await anonymous.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, pdfPath));
            Assert.Equal(HttpStatusCode.Redirect, answer.Status);
            Assert.StartsWith("/signin?returnUrl=", answer.Location, StringComparison.Ordinal);
        }

        var approver = this.Api.As(TestLetters.Approver(tag, 1));
        string last = token[^1..] == "A" ? "B" : "A";
        var refusals = new (string What, string Path, HttpStatusCode Status)[]
        {
            ("a token with a changed character", $"approve/pdf?token={Uri.EscapeDataString(token[..^1] + last)}", HttpStatusCode.BadRequest),
            ("no token", "approve/pdf", HttpStatusCode.BadRequest),
            ("the approval token on the signing PDF", $"sign/pdf?token={Uri.EscapeDataString(token)}", HttpStatusCode.BadRequest),
            ("an expired token", $"approve/pdf?token={Uri.EscapeDataString(tokens.Issue(genuine! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) }))}", HttpStatusCode.Gone),
            ("this link re-aimed at another letter", $"approve/pdf?token={Uri.EscapeDataString(tokens.Issue(genuine! with { LetterId = otherId }))}", HttpStatusCode.Conflict),
            ("the other letter's link with this letter's rendition", $"approve/pdf?token={Uri.EscapeDataString(tokens.Issue(otherGenuine! with { RenditionSha256 = genuine!.RenditionSha256 }))}", HttpStatusCode.Conflict),
            ("the other letter's link with this link's id", $"approve/pdf?token={Uri.EscapeDataString(tokens.Issue(otherGenuine! with { TokenId = genuine!.TokenId }))}", HttpStatusCode.Gone),
        };
        foreach (var (what, path, status) in refusals)
        {
            AssertNoPdf(await approver.GetBytesAsync(path), status, what);
        }

        // The addressee gets it; once the link is used, nobody does.
        var served = await approver.GetBytesAsync(pdfPath);
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (served.Status, served.ContentType));
        await approver.ApproveAsync(link);
        await this.Api.WaitForPendingAsync(id, "Approval", 2, TimeSpan.FromSeconds(60));
        AssertNoPdf(await approver.GetBytesAsync(pdfPath), HttpStatusCode.Conflict, "a used link");
    }

    [Fact]
    public async Task LinkPdfs_ServedToTheirAddressee_AreInlinePdfsNeverCachedNorSniffed_AndFramableOnlyByTheAppsOwnPages()
    {
        string tag = TestLetters.NewTag("PdfHeaders");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var approveLink = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        var approver = this.Api.As(TestLetters.Approver(tag, 1));
        var approval = await approver.HeadersAsync($"approve/pdf?token={Uri.EscapeDataString(CirculationClient.TokenOf(approveLink))}");
        await approver.ApproveAsync(approveLink);
        var signLink = await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestLetters.Signatory(tag));
        var signature = await this.Api.As(TestLetters.Signatory(tag)).HeadersAsync($"sign/pdf?token={Uri.EscapeDataString(CirculationClient.TokenOf(signLink))}");

        foreach (var (what, headers) in new[] { ("approve/pdf", approval), ("sign/pdf", signature) })
        {
            Assert.True(headers.Status == HttpStatusCode.OK, $"{what} answered {(int)headers.Status}");
            Assert.Equal("application/pdf", headers.Get("Content-Type"));
            Assert.Equal($"inline; filename=\"{id}-v1-draft.pdf\"", headers.Get("Content-Disposition"));
            Assert.Equal("no-store", headers.Get("Cache-Control"));
            Assert.Equal("nosniff", headers.Get("X-Content-Type-Options"));
            Assert.Equal("no-referrer", headers.Get("Referrer-Policy"));
            Assert.Equal("SAMEORIGIN", headers.Get("X-Frame-Options"));
            string csp = headers.Get("Content-Security-Policy");
            Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignedPdf_WithOneChangedByteOrAnIncrementalUpdateAppended_FailsTheMissionsChecks()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Circulation.DigitalSignature.SigningOptions
        {
            CertificatePfxPath = Path.Combine(TestEnvironment.PkiDirectory, "signing.pfx"),
            CertificatePfxPassword = File.ReadAllText(Path.Combine(TestEnvironment.PkiDirectory, "signing.password")).Trim(),
            TimestampUrl = TestEnvironment.TimestampUrl.ToString(),
        });
        using var timestamps = new Circulation.DigitalSignature.TimestampClient(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<Circulation.DigitalSignature.TimestampClient>.Instance);
        var signer = new Circulation.DigitalSignature.PdfDigitalSigner(new Circulation.DigitalSignature.PfxSigningKey(options.Value), timestamps, TimeProvider.System);
        byte[] signed = (await signer.SignAsync(TestPdfs.Create(1, "INCREMENTAL"), CancellationToken.None)).Pdf;
        PdfSignatureAssertions.AssertValidPadesSignature(signed);

        // One changed byte inside the signed range (the binary comment on the second line): pdfsig and openssl both refuse it.
        byte[] changed = (byte[])signed.Clone();
        Assert.Equal((byte)'%', changed[9]);
        changed[10] ^= 0x01;
        Assert.Contains("Signature Validation: Digest Mismatch.", PdfSignatureAssertions.Pdfsig(changed), StringComparison.Ordinal);
        Assert.False(PdfSignatureAssertions.OpensslCmsVerify(changed).Verified, "openssl cms -verify accepted the changed copy");

        // After signing, someone appends a revision that gives the document another title: the signed bytes are untouched.
        byte[] updated = [.. signed, .. IncrementalUpdate(signed, "<< /Title (Forged after signing) >>")];

        string report = PdfSignatureAssertions.Pdfsig(updated);
        Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
        Assert.Contains("Not total document signed", report, StringComparison.Ordinal);
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => PdfSignatureAssertions.AssertValidPadesSignature(updated));
    }

    /// <summary>An incremental update of <paramref name="pdf"/> adding one object, <paramref name="info"/>, as the document's /Info.</summary>
    private static byte[] IncrementalUpdate(byte[] pdf, string info)
    {
        string text = Encoding.Latin1.GetString(pdf);
        int startxref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        long previous = long.Parse(text[(startxref + 9)..].Trim().Split('\n')[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var size = System.Text.RegularExpressions.Regex.Matches(text, @"/Size\s+(\d+)").Last();
        var root = System.Text.RegularExpressions.Regex.Matches(text, @"/Root\s+(\d+\s+\d+)\s+R").Last();
        int number = int.Parse(size.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string obj = $"\n{number} 0 obj\n{info}\nendobj\n";
        long objAt = pdf.Length + 1;
        long xrefAt = pdf.Length + obj.Length;
        string tail = obj
            + $"xref\n{number} 1\n{objAt:D10} 00000 n \n"
            + $"trailer\n<< /Size {number + 1} /Root {root.Groups[1].Value} R /Info {number} 0 R /Prev {previous} >>\n"
            + $"startxref\n{xrefAt}\n%%EOF\n";
        return Encoding.Latin1.GetBytes(tail);
    }

    private static void AssertNoPdf((HttpStatusCode Status, string? ContentType, byte[] Bytes) answer, HttpStatusCode status, string what)
    {
        Assert.True(answer.Status == status, $"{what}: answered {(int)answer.Status}, not {(int)status}: {Encoding.UTF8.GetString(answer.Bytes.AsSpan(0, Math.Min(300, answer.Bytes.Length)))}");
        Assert.Equal("text/html", answer.ContentType);
        Assert.False(answer.Bytes.AsSpan().IndexOf(PdfMagic) >= 0, $"{what}: the answer holds a PDF");
    }
}
