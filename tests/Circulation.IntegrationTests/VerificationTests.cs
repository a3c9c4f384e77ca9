using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Web;
using MimeKit;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>The host for the public verification (its own, so its checks from 127.0.0.1 stay within one budget).</summary>
public sealed class VerificationHostFixture() : HostFixture("verify");

/// <summary>The verification collection (one host).</summary>
[CollectionDefinition(VerificationTests.Collection)]
public sealed class VerificationCollection : ICollectionFixture<VerificationHostFixture>;

/// <summary>
/// GET /verify and GET /api/verify/{sha256} on the real local stack, without signing in: only the signed PDF of a letter
/// that was signed and circulated is authentic; drafts, withdrawn letters, altered copies and unknown files get one answer.
/// </summary>
[Collection(Collection)]
public sealed class VerificationTests(VerificationHostFixture fixture)
{
    /// <summary>The collection's name.</summary>
    public const string Collection = "verification";

    private static readonly string Unknown = new('0', 64);

    [Fact]
    public async Task CirculatedLetter_TheCopyAMissionReceived_IsAuthentic_ItsDraftAndAnAlteredCopyAreNot_AndTheCoverMailSaysWhereToCheck()
    {
        var api = fixture.Api;
        using var anonymous = api.Anonymous();
        string tag = TestLetters.NewTag("Verify");
        string subject = TestLetters.Subject(tag);
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));

        // The approver's mail carries the version's rendition, so it exists (and has its SHA-256) once the mail has left.
        var approval = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));
        string draftSha = Assert.IsType<string>((await api.ListVersionsAsync(id)).Single().PdfSha256);
        string unknownAnswer = (await anonymous.GetAsync($"api/verify/{Unknown}")).Body;

        // Before it is signed, the PDF the approver is shown is not a circulated letter: the very answer an unknown file gets.
        var beforeSigning = await anonymous.GetAsync($"api/verify/{draftSha}");
        Assert.Equal(HttpStatusCode.OK, beforeSigning.Status);
        Assert.Equal(unknownAnswer, beforeSigning.Body);
        Assert.Equal(["authentic"], beforeSigning.Json.EnumerateObject().Select(p => p.Name));
        Assert.False(beforeSigning.Json.GetProperty("authentic").GetBoolean());

        await api.ApproveAsync(approval);
        await api.SignAsync(await fixture.Mail.WaitForLinkAsync($"For signature: {subject}", TestLetters.Signatory(tag)));
        var letter = await api.WaitForStageAsync(id, "Distributed", TimeSpan.FromMinutes(4), completed: true);

        // What one mission received: the attachment of its mail, whose cover text says where to check it.
        var mission = MailAssertions.MissionsOn(TestLetters.MemberStates)[0];
        var copy = await fixture.Mail.WaitForAsync(subject, mission.Email);
        using var message = await fixture.Mail.RawAsync(copy.Id);
        Assert.Contains($"{fixture.Host.BaseUrl}verify", message.TextBody, StringComparison.Ordinal);
        byte[] received = await AttachmentAsync(message);
        string receivedSha = Convert.ToHexStringLower(SHA256.HashData(received));

        var authentic = await anonymous.GetAsync($"api/verify/{receivedSha.ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, authentic.Status);
        Assert.Equal(["authentic", "letter"], authentic.Json.EnumerateObject().Select(p => p.Name));
        Assert.True(authentic.Json.GetProperty("authentic").GetBoolean());
        var found = authentic.Json.GetProperty("letter");
        Assert.Equal(
            ["reference", "subject", "date", "signatory", "title", "signedAt", "distributionList", "missions", "circulatedAt"],
            found.EnumerateObject().Select(p => p.Name));
        Assert.Equal((id, subject, "Amina Rahman", "President of the General Assembly", "All Permanent Representatives", 193), (
            found.GetProperty("reference").GetString(), found.GetProperty("subject").GetString(), found.GetProperty("signatory").GetString(),
            found.GetProperty("title").GetString(), found.GetProperty("distributionList").GetString(), found.GetProperty("missions").GetInt32()));
        Assert.Equal(letter.GetProperty("signedAt").GetDateTimeOffset(), found.GetProperty("signedAt").GetDateTimeOffset());
        Assert.True(found.GetProperty("circulatedAt").GetDateTimeOffset() >= found.GetProperty("signedAt").GetDateTimeOffset());

        // The page answers the same in words, without script (the form's GET).
        var page = await anonymous.GetAsync($"verify?sha256={receivedSha}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Authentic. This is the letter of ", page.Body, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode($"'{subject}', signed by Amina Rahman, President of the General Assembly, and circulated on "), page.Body, StringComparison.Ordinal);
        Assert.Contains("to All Permanent Representatives (193 missions).", page.Body, StringComparison.Ordinal);

        // One byte changed, or the draft's PDF after circulation: the unknown file's answer.
        byte[] altered = (byte[])received.Clone();
        altered[10] ^= 0x01;
        Assert.Equal(unknownAnswer, (await anonymous.GetAsync($"api/verify/{Convert.ToHexStringLower(SHA256.HashData(altered))}")).Body);
        Assert.Equal(unknownAnswer, (await anonymous.GetAsync($"api/verify/{draftSha}")).Body);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Circulation.Verification.VerificationText.NotCirculated), (await anonymous.GetAsync($"verify?sha256={draftSha}")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawnLetter_ItsPdf_IsNotACirculatedLetter()
    {
        var api = fixture.Api;
        using var anonymous = api.Anonymous();
        string tag = TestLetters.NewTag("VerifyWd");
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1, list: TestLetters.MemberStates));
        await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        var withdrawn = await api.SendJsonAsync(HttpMethod.Post, $"api/letters/{id}/withdraw", """{"reason":"Superseded by the President's statement."}""");
        Assert.True(withdrawn.Status == HttpStatusCode.Accepted, $"withdraw answered {(int)withdrawn.Status}: {withdrawn.Body}");
        await api.WaitForStageAsync(id, "Withdrawn", TimeSpan.FromSeconds(60), completed: true);
        string pdfSha = Assert.IsType<string>((await api.ListVersionsAsync(id)).Single().PdfSha256);

        var answer = await anonymous.GetAsync($"api/verify/{pdfSha}");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal((await anonymous.GetAsync($"api/verify/{Unknown}")).Body, answer.Body);
        Assert.False(answer.Json.GetProperty("authentic").GetBoolean());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public async Task NotA64HexCharacterHash_Is400Problem(string hash)
    {
        using var anonymous = fixture.Api.Anonymous();

        var answer = await anonymous.GetAsync($"api/verify/{hash}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(ProblemKind.BadRequest.Type, answer.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task WithoutSigningIn_OnlyTheVerificationHealthAssetsFaviconAndTheApiDocumentAnswer()
    {
        Assert.Equal(
            ["Favicon", "GetOpenApiDocument", "Health", "StaffAsset", "VerifyLetter", "VerifyPage"],
            CirculationRoutes.All.Where(r => r.Access == RouteAccess.Public).Select(r => r.Name).Order(StringComparer.Ordinal));
        using var anonymous = fixture.Api.Anonymous();

        var page = await anonymous.GetAsync("verify");
        var script = await anonymous.GetAsync("assets/verify.js");
        var letters = await anonymous.GetAsync("letters");
        var favicon = await anonymous.GetAsync("favicon.ico");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("""<form method="get" action="/verify" """, page.Body, StringComparison.Ordinal);
        Assert.Contains("""<script src="/assets/verify.js" defer></script>""", page.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal(HttpStatusCode.OK, favicon.Status);
        Assert.StartsWith("image/", favicon.ContentType, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, letters.Status);
    }

    [Fact]
    public async Task ThirtyFirstCheckInAMinute_Is429ProblemWithRetryAfter_OnTheApiAndThePage()
    {
        // Its own host, so that no other test's checks from this address share the budget.
        await using var host = new LocalHostProcess("budget");
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseUrl };

        for (int n = 1; n <= 30; n++)
        {
            using var allowed = await http.GetAsync($"api/verify/{Unknown}");
            Assert.True(allowed.StatusCode == HttpStatusCode.OK, $"check {n} answered {(int)allowed.StatusCode}");
        }

        using var refused = await http.GetAsync($"api/verify/{Unknown}");
        using var page = await http.GetAsync($"verify?sha256={Unknown}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(ProblemKind.TooManyRequests.Type, problem.RootElement.GetProperty("type").GetString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter?.Delta);
    }

    /// <summary>The one attachment of <paramref name="message"/>, decoded.</summary>
    internal static async Task<byte[]> AttachmentAsync(MimeMessage message)
    {
        var part = Assert.Single(message.Attachments.OfType<MimePart>());
        using var buffer = new MemoryStream();
        await part.Content!.DecodeToAsync(buffer);
        return buffer.ToArray();
    }
}
