using System.Net;
using System.Security.Cryptography;
using Circulation.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Xunit;
using Circulation.Tests.TestSupport;

namespace Circulation.IntegrationTests;

/// <summary>A letter's whole life over HTTP and e-mail: submitted, approved twice, signed, circulated, archived.</summary>
[Collection(Collections.EndToEnd)]
public sealed class EndToEndTests(EndToEndHostFixture fixture)
{
    [Fact]
    public async Task ApprovedAndSignedLetter_ReachesEveryMissionExactlyOnce_WithTheArchivedSignedPdf()
    {
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("E2E");
        string subject = TestLetters.Subject(tag);

        // The list's size as the API reports it matches the mission directory (missions.json).
        var lists = (await api.GetAsync("api/distribution-lists")).Json.GetProperty("lists").EnumerateArray().ToList();
        int memberCount = lists.Single(l => l.GetProperty("id").GetString() == TestLetters.AllMissions).GetProperty("memberCount").GetInt32();
        var missions = MailAssertions.MissionsOn(TestLetters.AllMissions);
        Assert.Equal(missions.Count, memberCount);
        Assert.True(memberCount > 200, $"The list has only {memberCount} missions.");

        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 2, list: TestLetters.AllMissions));

        // Each approver in turn: the mailed link shows the letter and the Approve button; the form approves.
        for (int n = 1; n <= 2; n++)
        {
            var link = await mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, n));
            Assert.Equal(fixture.Host.BaseUrl.Authority, link.Authority);
            var page = await api.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains(subject, page.Body, StringComparison.Ordinal);
            Assert.Contains("""<button type="submit" name="decision" value="Approve" class="primary">Approve</button>""", page.Body, StringComparison.Ordinal);
            Assert.Contains($"You are approver {n} of 2.", page.Body, StringComparison.Ordinal);
            await api.ApproveAsync(link);
        }

        var signLink = await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag));
        var signPage = await api.GetAsync(signLink);
        Assert.Equal(HttpStatusCode.OK, signPage.Status);
        Assert.Contains(subject, signPage.Body, StringComparison.Ordinal);
        Assert.Contains("Sign and circulate", signPage.Body, StringComparison.Ordinal);
        await api.SignAsync(signLink);

        var letter = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);
        var deliveries = letter.GetProperty("deliveries");
        Assert.Equal(memberCount, deliveries.GetProperty("total").GetInt32());
        Assert.Equal(memberCount, deliveries.GetProperty("sent").GetInt32());
        Assert.Equal(0, deliveries.GetProperty("failed").GetInt32());
        Assert.Equal(["Approve", "Approve"], letter.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("decision").GetString()));

        // The archive: the signed PDF with its hash and the manifest; the deliveries: every mission sent, at one attempt.
        var archive = await api.GetArchiveAsync(id);
        var signed = Assert.Single(archive, f => f.Name == "signed.pdf");
        Assert.Contains(archive, f => f.Name == "manifest.json");
        var missionDeliveries = (await api.GetDeliveriesAsync(id)).GetProperty("deliveries").EnumerateArray().ToList();
        Assert.Equal(memberCount, missionDeliveries.Count);
        Assert.All(missionDeliveries, d => Assert.Equal(("Sent", 1), (d.GetProperty("state").GetString(), d.GetProperty("attempts").GetInt32())));
        Assert.All(missionDeliveries, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("messageId").GetString())));

        // The letter had no date: it is dated on the day it was signed, in the Office's time zone (New York), and the
        // missions' PDF is named by that date and the signatory's title.
        var signedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(letter.GetProperty("signedAt").GetDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        string pdfName = $"{signedOn:yyyy-MM-dd} Letter from the President of the General Assembly.pdf";

        // The mail: one copy per mission, at its official address, each carrying exactly the archived signed PDF.
        var copies = await MailAssertions.AssertEachMissionGotExactlyOneAsync(mail, tag, subject, missions);
        byte[] attachment = await MailAssertions.AssertEveryCopyCarriesThePdfAsync(mail, copies, id, signed.Sha256, pdfName);

        // What every mission received (the same bytes, checked above) carries one valid PAdES B-T signature over the whole
        // document, by a certificate pdfsig trusts (the development CA); one changed byte breaks it.
        PdfSignatureAssertions.AssertValidPadesSignature(attachment);
        byte[] tampered = (byte[])attachment.Clone();
        Assert.Equal((byte)'%', tampered[9]);
        tampered[10] ^= 0x01; // in the binary comment on the second line: still a readable PDF, no longer the signed one
        Assert.Contains("Signature Validation: Digest Mismatch.", PdfSignatureAssertions.Pdfsig(tampered), StringComparison.Ordinal);
        Assert.False(PdfSignatureAssertions.OpensslCmsVerify(tampered).Verified, "openssl cms -verify accepted the changed copy");

        string text = MailAssertions.PdfText(attachment);
        Assert.Contains(Circulation.Rendering.LetterDateFormatter.Format(signedOn), PdfText.Of(attachment, layout: true), StringComparison.Ordinal);
        Assert.DoesNotContain("Dated on the day it is signed", text, StringComparison.Ordinal);

        // The drafter and the signatory are told it ended: totals and the letter page's link.
        foreach (string to in new[] { TestLetters.Drafter(tag), TestLetters.Signatory(tag) })
        {
            using var report = await mail.RawAsync((await mail.WaitForAsync($"Circulated: {subject}", to)).Id);
            Assert.Contains($"Sent to {memberCount} of {memberCount} missions; 0 could not be reached.", report.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{fixture.Host.BaseUrl.GetLeftPart(UriPartial.Authority)}/letters/{id}", report.TextBody, StringComparison.Ordinal);
            Assert.Contains($"/letters/{id}\">", report.HtmlBody, StringComparison.Ordinal);
        }

        Assert.All(TestLetters.BodySentences, sentence => Assert.Contains(sentence, text, StringComparison.Ordinal));
        Assert.Contains("Amina Rahman", text, StringComparison.Ordinal);

        // GET api/letters/{id}/pdf serves the same signed PDF.
        var (status, contentType, pdf) = await api.GetPdfAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", contentType);
        Assert.Equal(signed.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf)));
    }

    [Fact]
    public async Task LetterWithAnEnclosedLetterAndAnUploadedPdf_ReachesEveryMissionAsOnePdf_CoverThenLetterThenDocument()
    {
        var api = fixture.Api;
        var mail = fixture.Mail;
        string tag = TestLetters.NewTag("Encl");
        string subject = TestLetters.Subject(tag);
        const string EnclosedSentence = "We have the honour to write to you in our capacity as Co-Chairs of the intergovernmental negotiations.";
        string documentMarker = $"PROGRAMME-{tag}";

        string documentId = await api.UploadPdfAsync(TestPdfs.Create(2, documentMarker), "programme.pdf");
        var letter = TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates);
        letter["enclosures"] = new object[]
        {
            new
            {
                kind = "letter",
                date = "2026-11-20",
                body = EnclosedSentence + "\n\nThe first meeting will be held on **12 January 2027**.",
                signatories = new[]
                {
                    new { name = "Giorgi Beridze", title = "Ambassador and Permanent Representative of Georgia" },
                    new { name = "Ana Lucía Ferreira", title = "Ambassador and Permanent Representative of Uruguay" },
                },
            },
            new { kind = "document", documentId, title = "Programme of the meeting" },
        };
        string id = await api.CreateLetterAsync(letter);

        await api.ApproveAsync(await mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1)));
        await api.SignAsync(await mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
        await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

        // Every mission gets one message with one attachment: the archived signed package.
        var missions = MailAssertions.MissionsOn(TestLetters.MemberStates);
        var signed = Assert.Single(await api.GetArchiveAsync(id), f => f.Name == "signed.pdf");
        var copies = await MailAssertions.AssertEachMissionGotExactlyOneAsync(mail, tag, subject, missions);
        byte[] attachment = await MailAssertions.AssertEveryCopyCarriesThePdfAsync(mail, copies, id, signed.Sha256);
        PdfSignatureAssertions.AssertValidPadesSignature(attachment);

        Assert.Contains("Dated on the day it is signed", MailAssertions.PdfText((await api.GetBytesAsync($"api/letters/{id}/versions/1/pdf")).Bytes), StringComparison.Ordinal);

        // Each mission's cover text is in its language of correspondence; the attachment (checked above) is the same for all.
        async Task<string> CoverTextTo(string missionId)
        {
            string address = missions.Single(m => m.Id == missionId).Email;
            using var message = await mail.RawAsync(copies.Single(c => string.Equals(c.To.Single(), address, StringComparison.OrdinalIgnoreCase)).Id);
            return message.TextBody ?? "";
        }

        Assert.Contains($"on the subject \"{subject}\", with its enclosures.", await CoverTextTo("afg"), StringComparison.Ordinal);
        string french = await CoverTextTo("sen");
        Assert.StartsWith("Le Bureau du Président de l'Assemblée générale présente ses compliments à la Mission permanente du Sénégal auprès de l'Organisation des Nations Unies", french, StringComparison.Ordinal);
        Assert.Contains($"ayant pour objet «\u00A0{subject}\u00A0», ainsi que les pièces qui y sont jointes.", french, StringComparison.Ordinal);
        Assert.Contains("a la Misión Permanente del Perú ante las Naciones Unidas y tiene el honor de transmitirle adjunta una carta del Presidente de la Asamblea General", await CoverTextTo("per"), StringComparison.Ordinal);

        // Its pages: the signed cover letter, the enclosed letter, then the uploaded document's two pages.
        using var pdf = PdfDocument.Open(attachment);
        var pages = pdf.GetPages().Select(p => string.Join(' ', ContentOrderTextExtractor.GetText(p).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(4, pages.Count);
        Assert.Contains("THE PRESIDENT", pages[0], StringComparison.Ordinal);
        Assert.Contains(TestLetters.BodySentences[0], pages[0], StringComparison.Ordinal);
        Assert.Contains("Enclosures: Letter dated 20 November 2026 from Giorgi Beridze and Ana Lucía Ferreira; Programme of the meeting", pages[0], StringComparison.Ordinal);
        Assert.Single(pdf.GetPage(1).GetImages());
        Assert.Contains(EnclosedSentence, pages[1], StringComparison.Ordinal);
        Assert.Contains("our highest consideration", pages[1], StringComparison.Ordinal);
        Assert.DoesNotContain("THE PRESIDENT", pages[1], StringComparison.Ordinal);
        Assert.Contains($"{documentMarker} page 1", pages[2], StringComparison.Ordinal);
        Assert.Contains($"{documentMarker} page 2", pages[3], StringComparison.Ordinal);
        Assert.All(pages, p => Assert.DoesNotContain("DRAFT", p, StringComparison.Ordinal));
    }
}
