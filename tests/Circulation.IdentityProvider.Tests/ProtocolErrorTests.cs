using System.Net;
using Circulation.IdentityProvider.Tests.Infrastructure;
using Xunit;

namespace Circulation.IdentityProvider.Tests;

/// <summary>Authorization and token requests OpenIddict must refuse: PKCE, codes, redirect URIs, client secrets.</summary>
public sealed class ProtocolErrorTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task AuthorizeWithoutPkce_IsInvalidRequest_WithoutACode()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request, ("code_challenge", null), ("code_challenge_method", null)));

        var (error, _, target) = await OidcBrowser.AuthorizationErrorAsync(authorize);
        Assert.Equal("invalid_request", error);
        Assert.DoesNotContain("code=", target?.Query ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorizeWithPlainPkce_IsInvalidRequest()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request, ("code_challenge", request.CodeVerifier), ("code_challenge_method", "plain")));

        Assert.Equal("invalid_request", (await OidcBrowser.AuthorizationErrorAsync(authorize)).Error);
    }

    [Fact]
    public async Task AuthorizeForAnImplicitOrHybridResponseType_IsRefused()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);

        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request, ("response_type", "code id_token"), ("response_mode", "fragment")));

        Assert.Equal("unsupported_response_type", (await OidcBrowser.AuthorizationErrorAsync(authorize)).Error);
    }

    [Theory]
    [InlineData("http://evil.example:5000/signin-oidc")]
    [InlineData("http://127.0.0.1:5000/elsewhere")]
    [InlineData("http://127.0.0.1:5000/signin-oidc/")]
    [InlineData("http://localhost:5000/signin-oidc")]
    [InlineData("https://127.0.0.1:5000/signin-oidc")]
    [InlineData("http://127.0.0.2:5000/signin-oidc")]
    [InlineData("http://127.0.0.1:5000/signin-oidc?next=x")]
    public async Task AuthorizeWithARedirectUriOtherThanTheRegisteredOneOnAnyPort_IsRefusedWithoutRedirecting(string redirectUri)
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(redirectUri);

        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("invalid_request", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenWithTheWrongCodeVerifier_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "president@un.example");

        var (status, body) = await browser.RedeemAsync(OidcBrowser.Query(callback)["code"], OidcBrowser.Pkce().Verifier, request.RedirectUri);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task TokenWithoutTheCodeVerifier_IsRefused()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "president@un.example");

        var (status, body) = await browser.RedeemAsync(OidcBrowser.Query(callback)["code"], codeVerifier: null, request.RedirectUri);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(body.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task CodeRedeemedTwice_SecondTimeIsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "president@un.example");
        string code = OidcBrowser.Query(callback)["code"];

        var (first, _) = await browser.RedeemAsync(code, request.CodeVerifier, request.RedirectUri);
        var (second, body) = await browser.RedeemAsync(code, request.CodeVerifier, request.RedirectUri);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenWithAnotherRedirectUriThanTheAuthorizeRequest_IsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(OidcBrowser.AppRedirectUri(OidcBrowser.SomePort()));
        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "president@un.example");

        var (status, body) = await browser.RedeemAsync(OidcBrowser.Query(callback)["code"], request.CodeVerifier, ProviderFixture.RegisteredRedirectUri);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenWithTheWrongClientSecret_IsInvalidClient()
    {
        using var browser = fixture.NewBrowser();
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        var callback = await browser.SignInAsync(OidcBrowser.AuthorizeUrl(request), "president@un.example");

        var (status, body) = await browser.RedeemAsync(OidcBrowser.Query(callback)["code"], request.CodeVerifier, request.RedirectUri, clientSecret: "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Discovery_AdvertisesTheCodeFlowWithS256Only()
    {
        using var browser = fixture.NewBrowser();

        using var response = await browser.GetAsync(".well-known/openid-configuration");

        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(fixture.Issuer.ToString(), root.GetProperty("issuer").GetString());
        Assert.Equal(["code"], root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["authorization_code"], root.GetProperty("grant_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new Uri(fixture.Issuer, "connect/endsession").ToString(), root.GetProperty("end_session_endpoint").GetString());
    }
}
