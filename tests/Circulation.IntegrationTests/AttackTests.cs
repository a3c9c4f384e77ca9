using System.Net;
using System.Text;
using System.Text.Json;
using Circulation.Access;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Web;
using UglyToad.PdfPig;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// The attack catalogue: each test is one way someone might try to send or change a letter in the President's name
/// without the right, and each asserts that it was refused with a reason and that nothing was stored or sent.
/// </summary>
[Collection(Collections.Security)]
public sealed class AttackTests(SecurityHostFixture fixture)
{
    private CirculationClient Api => fixture.Api;

    public static TheoryData<string> GuardedRoutes() => [.. CirculationRoutes.All.Where(r => r.Access != RouteAccess.Public).Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(GuardedRoutes))]
    public async Task EveryRoute_CalledAnonymously_IsRefusedAndStoresNothing(string name)
    {
        var route = CirculationRoutes.All.Single(r => r.Name == name);
        string id = await this.Api.CreateDraftAsync(TestLetters.Valid(TestLetters.NewTag("Anon")));
        string path = "/" + route.Template.Replace("{id}", id, StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal);
        if (route.Template is "approve" or "sign")
        {
            path += "?token=x";
        }

        using var anonymous = this.Api.Anonymous();
        var answer = await fixture.AssertNothingStoredAsync(async () =>
        {
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
            if (route.Method != "GET")
            {
                request.Content = new StringContent(JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("Anon"))), Encoding.UTF8, "application/json");
            }

            return await anonymous.SendRawAsync(request);
        }, expectJson: route.Template.StartsWith("api/", StringComparison.Ordinal));

        if (route.Template.StartsWith("api/", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Contains("Sign in first", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal("https://circulation.un.org/problems/sign-in-required", answer.Json.GetProperty("type").GetString());
            Assert.Equal(401, answer.Json.GetProperty("status").GetInt32());
            Assert.StartsWith("/signin", answer.Json.GetProperty("signIn").GetString(), StringComparison.Ordinal);
        }
        else if (route.Method == "GET")
        {
            Assert.Equal(HttpStatusCode.Redirect, answer.Status);
            Assert.StartsWith("/signin?returnUrl=", answer.Location, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        }
    }

    [Fact]
    public async Task ForgedEasyAuthHeaderNamingAnAdmin_OnTheLocalHost_IsIgnored_AndTheCallerStaysAnonymous()
    {
        string principal = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
            {"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"{{TestPeople.Admin}}"},{"typ":"roles","val":"admin"}],"name_typ":"name","role_typ":"roles"}
            """));
        using var anonymous = this.Api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/letters");
        request.Headers.Add(EasyAuthPrincipal.HeaderName, principal);

        var answer = await anonymous.SendRawAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("https://circulation.un.org/problems/sign-in-required", answer.Json.GetProperty("type").GetString());
    }

    [Fact]
    public async Task DrafterTouchingAnotherDraftersLetter_Gets403WithTheReason_AndChangesNothing()
    {
        var other = this.Api.As(TestPeople.OtherDrafter);
        var letter = TestLetters.Valid(TestLetters.NewTag("Other"));
        string id = await other.CreateDraftAsync(letter);

        foreach (string path in new[] { $"api/letters/{id}", $"api/letters/{id}/pdf", $"api/letters/{id}/versions", $"api/letters/{id}/versions/1", $"api/letters/{id}/versions/1/pdf", $"api/letters/{id}/archive" })
        {
            var read = await this.Api.GetAsync(path);
            Assert.True(read.Status == HttpStatusCode.Forbidden, $"GET {path} answered {(int)read.Status}: {read.Body}");
            Assert.Contains($"drafted by {TestPeople.OtherDrafter}", read.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(("application/problem+json", "https://circulation.un.org/problems/not-allowed"), (read.ContentType, read.Json.GetProperty("type").GetString()));
            Assert.Equal("/" + path, read.Json.GetProperty("instance").GetString());
        }

        var edit = await fixture.AssertNothingStoredAsync(() => this.Api.UpdateLetterAsync(id, letter, basedOn: 1));
        Assert.Equal(HttpStatusCode.Forbidden, edit.Status);
        var submit = await fixture.AssertNothingStoredAsync(() => this.Api.SubmitLetterAsync(id, basedOn: 1));
        Assert.Equal(HttpStatusCode.Forbidden, submit.Status);
        Assert.DoesNotContain(id, await this.Api.ListLetterIdsAsync());

        // The letter is untouched: still version 1, not submitted; its drafter and an admin still see it.
        var own = await other.GetLetterAsync(id);
        Assert.Equal(1, own.GetProperty("version").GetInt32());
        Assert.Equal("Drafting", own.GetProperty("stage").GetString());
        Assert.Equal(HttpStatusCode.OK, (await this.Api.As(TestPeople.Admin).GetAsync($"api/letters/{id}")).Status);
        Assert.Contains(id, await this.Api.As(TestPeople.Admin).ListLetterIdsAsync());
    }

    [Fact]
    public async Task ApprovalPostedByAnotherSignedInPerson_ShowsWhomTheLinkWasSentTo_AndChangesNothing()
    {
        string tag = TestLetters.NewTag("Fwd");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 2));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        string token = CirculationClient.TokenOf(link);

        // The request mail leaves before the read model records the stage: start from the letter the API shows waiting.
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromMinutes(1));
        foreach (var intruder in new[] { TestPeople.Approvers[1], TestPeople.Drafter, TestPeople.Signatory })
        {
            var client = this.Api.As(intruder);
            var page = await client.GetAsync(link.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Contains($"This link was sent to {TestPeople.Approvers[0]}; sign in as {TestPeople.Approvers[0]}.", page.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("<form method=\"post\" action=\"/approve\">", page.Body, StringComparison.Ordinal);
            var post = await client.PostFormAsync("approve", ("token", token), ("decision", "Approve"), ("comment", ""));
            Assert.Equal(HttpStatusCode.Forbidden, post.Status);
            Assert.Contains("Nothing was changed.", post.Body, StringComparison.Ordinal);
        }

        var letter = await this.Api.GetLetterAsync(id);
        Assert.Equal("AwaitingApproval", letter.GetProperty("stage").GetString());
        Assert.Empty(letter.GetProperty("approvals").EnumerateArray());
        Assert.DoesNotContain(await fixture.BlobNamesAsync(), n => n.Contains("link-uses", StringComparison.Ordinal) && n.StartsWith(id, StringComparison.Ordinal));

        // The person it was sent to still decides.
        await this.Api.As(TestPeople.Approvers[0]).ApproveAsync(link);
        await fixture.Mail.WaitForAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 2));
    }

    [Theory]
    [InlineData(TestPeople.Drafter, "cannot sign letters")]
    [InlineData("chef.de.cabinet@un.example", "cannot sign letters")]
    [InlineData(TestPeople.Stranger, "not in the staff directory")]
    public async Task SelfAppointedOrUnknownSignatory_Gets400NamingSignatory_AndStoresNothing(string signatory, string reason)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Self"));
        letter["signatory"] = signatory;

        var answer = await fixture.AssertNothingStoredAsync(() => this.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var error = Assert.Single(answer.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("signatory", error.GetProperty("field").GetString());
        Assert.Contains(reason, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PersonWithoutTheDrafterRole_CannotCreateDraftPreviewOrUpload()
    {
        var approver = this.Api.As(TestPeople.Approvers[1]);
        string json = JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("NoRole")));
        foreach (string path in new[] { "api/letters", "api/drafts", "api/preview" })
        {
            var answer = await fixture.AssertNothingStoredAsync(() => approver.SendJsonAsync(HttpMethod.Post, path, json));
            Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
            Assert.Contains("does not have the drafter role", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var upload = await fixture.AssertNothingStoredAsync(() => approver.UploadDocumentAsync(Circulation.Tests.TestSupport.TestPdfs.Create(1, "No role"), "x.pdf"));
        Assert.Equal(HttpStatusCode.Forbidden, upload.Status);
    }

    [Fact]
    public async Task SignatureImageAskedForThroughPreviewOrDraft_NeverAppears()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Img"));
        // The President as the cover signatory must not bring the handwritten signature into a preview or a draft. (An
        // enclosed letter in the President's name is refused outright: HiddenTextTests.)
        letter["enclosures"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["kind"] = "letter",
                ["body"] = "We have the honour to write.",
                ["signatories"] = new[] { new { name = "Giorgi Beridze", title = "Co-Chair", email = "pr.georgia@missions.example" } },
            },
        };
        string json = JsonSerializer.Serialize(letter);

        var preview = await fixture.AssertNothingStoredAsync(async () =>
        {
            var (status, type, bytes) = await this.Api.PreviewAsync(json);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(0, ImageCount(bytes));
            Assert.Contains("(Signed)", Text(bytes), StringComparison.Ordinal);
            return new PageResponse(status, "application/json", "{}");
        }, expectJson: false);
        Assert.Equal(HttpStatusCode.OK, preview.Status);

        string id = await this.Api.CreateDraftAsync(letter);
        var (draftStatus, _, draftPdf) = await this.Api.GetBytesAsync($"api/letters/{id}/versions/1/pdf");
        Assert.Equal(HttpStatusCode.OK, draftStatus);
        Assert.Equal(0, ImageCount(draftPdf));
    }

    [Theory]
    [InlineData("https://evil.example", null, null)]
    [InlineData("https://evil.example", null, "same-origin")]
    [InlineData(null, "https://evil.example/form.html", null)]
    [InlineData(null, null, null)]
    [InlineData("null", null, null)]
    [InlineData("null", null, "cross-site")]
    [InlineData(null, null, "same-site")]
    public async Task CrossOriginStateChange_Is403_AndStoresNothing(string? origin, string? referer, string? fetchSite)
    {
        string json = JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("Csrf")));
        await this.Api.EnsureSignedInAsync();
        var answer = await fixture.AssertNothingStoredAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/letters") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Remove("Origin");
            if (origin is not null)
            {
                request.Headers.TryAddWithoutValidation("Origin", origin);
            }

            if (referer is not null)
            {
                request.Headers.Referrer = new Uri(referer);
            }

            if (fetchSite is not null)
            {
                request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", fetchSite);
            }

            return await this.Api.SendRawAsync(request, keepDefaultOrigin: false);
        });

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("Circulation's own pages", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data")]
    public async Task JsonEndpointPostedWithAFormContentType_Is415_AndStoresNothing(string contentType)
    {
        string json = JsonSerializer.Serialize(TestLetters.Valid(TestLetters.NewTag("Type")));
        foreach (string path in new[] { "api/letters", "api/drafts" })
        {
            var answer = await fixture.AssertNothingStoredAsync(() => this.Api.SendJsonAsync(HttpMethod.Post, path, json, contentType: contentType));
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        }
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndLinkPagesAndPdfsAreNotCached()
    {
        string tag = TestLetters.NewTag("Hdr");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromSeconds(60));
        using var anonymous = this.Api.Anonymous();
        var approver = this.Api.As(TestPeople.Approvers[0]);

        var answers = new Dictionary<string, HttpResponseHeadersSnapshot>
        {
            ["staff form"] = await this.Api.HeadersAsync("/"),
            ["approval page"] = await approver.HeadersAsync(link.PathAndQuery),
            ["letter PDF"] = await this.Api.HeadersAsync($"/api/letters/{id}/pdf"),
            ["letter JSON"] = await this.Api.HeadersAsync($"/api/letters/{id}"),
            ["anonymous API"] = await anonymous.HeadersAsync("/api/letters"),
            ["health"] = await anonymous.HeadersAsync("/api/health"),
            ["asset"] = await anonymous.HeadersAsync("/assets/app.js"),
        };
        foreach (var (what, headers) in answers)
        {
            string csp = headers.Get("Content-Security-Policy");
            Assert.True(csp.Contains("script-src 'self'", StringComparison.Ordinal) && !csp.Contains("unsafe-inline", StringComparison.Ordinal), $"{what}: CSP {csp}");
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", headers.Get("X-Content-Type-Options"));
            Assert.Equal("no-referrer", headers.Get("Referrer-Policy"));
        }

        foreach (string what in new[] { "approval page", "letter PDF", "letter JSON" })
        {
            Assert.Equal("no-store", answers[what].Get("Cache-Control"));
        }
    }

    [Theory]
    [InlineData("Subject\r\nBcc: everyone@missions.example")]
    [InlineData("Subject\nX-Injected: yes")]
    [InlineData("Subject\rMore")]
    public async Task CrOrLfInTheSubject_Is400NamingSubject_AndSendsNothing(string subject)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Crlf"));
        letter["subject"] = subject;

        var answer = await fixture.AssertNothingStoredAsync(() => this.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("subject", Assert.Single(answer.Json.GetProperty("errors").EnumerateArray()).GetProperty("field").GetString());
        Assert.Empty(await fixture.Mail.ListAsync("Bcc: everyone"));
    }

    private static int ImageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Sum(p => p.GetImages().Count());
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => p.Text));
    }
}
