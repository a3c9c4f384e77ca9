using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Circulation.IdentityProvider.Tests.Infrastructure;
using Xunit;

namespace Circulation.IdentityProvider.Tests;

/// <summary>The authorization code flow with PKCE as the Circulation host runs it, end to end over HTTP.</summary>
public sealed class SignInFlowTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task RightPassword_OnAnAppHostsOwnLoopbackPort_IssuesACodeWhoseIdTokenCarriesTheDirectoryEntry()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(OidcBrowser.AppRedirectUri(OidcBrowser.SomePort()));

        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "Drafting.Officer@UN.example");

        Assert.Equal(request.RedirectUri, callback.GetLeftPart(UriPartial.Path));
        var query = OidcBrowser.Query(callback);
        Assert.Equal(request.State, query["state"]);
        Assert.Equal(fixture.Issuer.ToString(), query["iss"]);
        var (status, body) = await browser.RedeemAsync(query["code"], request.CodeVerifier, request.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        var idToken = await browser.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);
        Assert.Equal("drafting.officer@un.example", idToken.Subject);
        Assert.Equal("drafting.officer@un.example", idToken.GetClaim("email").Value);
        Assert.Equal("Tomás Ibarra", idToken.GetClaim("name").Value);
        Assert.Equal(["drafter", "approver"], idToken.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
        Assert.Equal(request.Nonce, idToken.GetClaim("nonce").Value);
        Assert.True(idToken.TryGetClaim("auth_time", out _));
        Assert.InRange(idToken.ValidTo - idToken.IssuedAt, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task DirectoryEmailInAnyCase_SignsInAsTheLowerCasedAddress_WithItsSingleRole()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        var body = await browser.SignInAndRedeemAsync(request, "president@un.example");

        var idToken = await browser.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);
        Assert.Equal("president@un.example", idToken.Subject);
        Assert.Equal("Amina Rahman", idToken.GetClaim("name").Value);
        Assert.Equal(["signatory"], idToken.Claims.Where(c => c.Type == "roles").Select(c => c.Value));
    }

    [Fact]
    public async Task NoSession_Authorize_RedirectsToTheSignInPage_WithTheLoginHintPrefilledAndStrictHeaders()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(OidcBrowser.AppRedirectUri(OidcBrowser.SomePort()));

        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request, ("login_hint", "president@un.example")));
        using var page = await browser.GetAsync(OidcBrowser.RedirectTarget(authorize).ToString());

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await OidcBrowser.ReadFormAsync(page);
        Assert.Equal("president@un.example", form.Email);
        Assert.False(string.IsNullOrEmpty(form.AntiforgeryToken));
        Assert.StartsWith("/connect/authorize?", form.ReturnUrl, StringComparison.Ordinal);
        Assert.Contains("<title>Sign in to Circulation · Office of the President of the General Assembly</title>", form.Html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">E-mail address</label>", form.Html, StringComparison.Ordinal);
        Assert.Contains("type=\"email\" autocomplete=\"username\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"password\">Password</label>", form.Html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Sign in</button>", form.Html, StringComparison.Ordinal);
        Assert.Contains("Local development sign-in: every person in the staff directory, password circulation-dev", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", form.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", form.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(
            $"default-src 'none'; style-src 'self'; form-action 'self' {new Uri(request.RedirectUri).GetLeftPart(UriPartial.Authority)}; frame-ancestors 'none'; base-uri 'none'",
            page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(page.Headers.CacheControl?.NoStore);
        using var css = await browser.GetAsync("account/signin.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SignedIn_SecondAuthorize_IssuesACodeWithoutTheForm()
    {
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(OidcBrowser.AuthorizeUrl(AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri)), "president@un.example");
        var session = browser.Cookies.GetCookies(fixture.Issuer).Single(c => c.Name == ".Circulation.IdentityProvider");
        Assert.True(session.HttpOnly);

        var second = AuthorizeRequest.New(OidcBrowser.AppRedirectUri(OidcBrowser.SomePort()));
        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(second));

        var callback = OidcBrowser.RedirectTarget(authorize);
        Assert.Equal(second.RedirectUri, callback.GetLeftPart(UriPartial.Path));
        Assert.Equal(second.State, OidcBrowser.Query(callback)["state"]);
        Assert.True(OidcBrowser.Query(callback).ContainsKey("code"));
    }

    [Fact]
    public async Task SignedIn_PromptLogin_ShowsTheFormAgain_AndAnotherPersonCanSignIn()
    {
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(OidcBrowser.AuthorizeUrl(AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri)), "president@un.example");
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        var callback = await browser.SignInAsync(
            OidcBrowser.AuthorizeUrl(request, ("prompt", "login"), ("login_hint", "drafting.officer@un.example")),
            "drafting.officer@un.example");

        var (_, body) = await browser.RedeemAsync(OidcBrowser.Query(callback)["code"], request.CodeVerifier, request.RedirectUri);
        var idToken = await browser.ValidateIdTokenAsync(body.GetProperty("id_token").GetString()!);
        Assert.Equal("drafting.officer@un.example", idToken.Subject);
    }

    [Fact]
    public async Task NoSession_PromptNone_ReturnsLoginRequiredToTheClient_WithoutACode()
    {
        using var anonymous = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        using var refused = await anonymous.GetAsync(OidcBrowser.AuthorizeUrl(request, ("prompt", "none")));

        var callback = OidcBrowser.RedirectTarget(refused);
        Assert.Equal(request.RedirectUri, callback.GetLeftPart(UriPartial.Path));
        Assert.Equal("login_required", OidcBrowser.Query(callback)["error"]);
        Assert.False(OidcBrowser.Query(callback).ContainsKey("code"));
    }

    [Fact]
    public async Task SignedIn_UserInfo_WithTheAccessToken_ReturnsTheDirectoryEntry()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var body = await browser.SignInAndRedeemAsync(request, "drafting.officer@un.example");

        using var http = new HttpClient();
        using var userInfo = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Issuer, "connect/userinfo"));
        userInfo.Headers.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        using var response = await http.SendAsync(userInfo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("drafting.officer@un.example", json.RootElement.GetProperty("sub").GetString());
        Assert.Equal("Tomás Ibarra", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(["drafter", "approver"], json.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task EndSession_WithAPostLogoutUriOnAnAppHostsPort_ClearsTheSessionAndRedirectsThere()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var body = await browser.SignInAndRedeemAsync(request, "president@un.example");
        Assert.True(browser.HasSession);
        string postLogout = $"http://127.0.0.1:{OidcBrowser.SomePort()}/signed-out";

        using var endSession = await browser.GetAsync(
            $"connect/endsession?id_token_hint={body.GetProperty("id_token").GetString()}&post_logout_redirect_uri={Uri.EscapeDataString(postLogout)}&state=bye");

        var target = OidcBrowser.RedirectTarget(endSession);
        Assert.Equal(postLogout, target.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye", OidcBrowser.Query(target)["state"]);
        Assert.False(browser.HasSession);
        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri)));
        Assert.Equal("/account/signin", OidcBrowser.RedirectTarget(authorize).AbsolutePath);
    }

    [Fact]
    public async Task EndSession_WithAPostLogoutUriOnAnotherHost_DoesNotRedirectThere()
    {
        using var browser = fixture.NewBrowser();

        using var endSession = await browser.GetAsync($"connect/endsession?post_logout_redirect_uri={Uri.EscapeDataString("http://evil.example:5000/signed-out")}");

        Assert.Equal(HttpStatusCode.BadRequest, endSession.StatusCode);
        Assert.Null(endSession.Headers.Location);
    }
}
