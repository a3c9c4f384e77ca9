using System.Net;
using Circulation.IdentityProvider.Tests.Infrastructure;
using Xunit;

namespace Circulation.IdentityProvider.Tests;

/// <summary>Sign-in attempts the page must refuse without issuing a session or a code.</summary>
public sealed class RefusedSignInTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private const string Wrong = "The e-mail address or password is not right.";

    [Fact]
    public async Task WrongPassword_ShowsTheFormAgainWithTheMessageAndTheEmail_AndNoSessionOrCode()
    {
        using var browser = fixture.NewBrowser();
        var form = await this.OpenFormAsync(browser);

        using var posted = await browser.PostSignInAsync(form.AntiforgeryToken, form.ReturnUrl!, "president@un.example", "not-the-password");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        var again = await OidcBrowser.ReadFormAsync(posted);
        Assert.Contains(Wrong, again.Html, StringComparison.Ordinal);
        Assert.Equal("president@un.example", again.Email);
        Assert.Equal(form.ReturnUrl, again.ReturnUrl);
        Assert.False(browser.HasSession);
        using var authorize = await browser.GetAsync(form.ReturnUrl!);
        Assert.Equal("/account/signin", OidcBrowser.RedirectTarget(authorize).AbsolutePath);
    }

    [Fact]
    public async Task EmailNotInTheDirectory_WithTheDevPassword_GetsTheSameMessageAsAWrongPassword()
    {
        using var browser = fixture.NewBrowser();
        var form = await this.OpenFormAsync(browser);

        using var unknown = await browser.PostSignInAsync(form.AntiforgeryToken, form.ReturnUrl!, "nobody@un.example", "circulation-dev");
        using var wrong = await browser.PostSignInAsync(form.AntiforgeryToken, form.ReturnUrl!, "nobody@un.example", "guess");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        string unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Contains(Wrong, unknownHtml, StringComparison.Ordinal);
        Assert.Equal(StripToken(await wrong.Content.ReadAsStringAsync()), StripToken(unknownHtml));
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task TypedEmailWithMarkup_IsEchoedHtmlEncoded()
    {
        using var browser = fixture.NewBrowser();
        var form = await this.OpenFormAsync(browser);

        using var posted = await browser.PostSignInAsync(form.AntiforgeryToken, form.ReturnUrl!, "\"><script>alert(1)</script>", "x");

        string html = await posted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWithoutTheAntiforgeryToken_IsRefusedWithoutSession()
    {
        using var browser = fixture.NewBrowser();
        var form = await this.OpenFormAsync(browser);

        using var posted = await browser.PostSignInAsync(antiforgeryToken: null, form.ReturnUrl!, "president@un.example", "circulation-dev");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task PostWithAnotherBrowsersAntiforgeryToken_IsRefusedWithoutSession()
    {
        using var victim = fixture.NewBrowser();
        using var attacker = fixture.NewBrowser();
        var attackersForm = await this.OpenFormAsync(attacker);
        await this.OpenFormAsync(victim);

        using var posted = await victim.PostSignInAsync(attackersForm.AntiforgeryToken, attackersForm.ReturnUrl!, "president@un.example", "circulation-dev");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.False(victim.HasSession);
    }

    [Theory]
    [InlineData("http://evil.example/connect/authorize")]
    [InlineData("//evil.example/connect/authorize")]
    [InlineData("/connect/authorizeX")]
    [InlineData("/account/signin")]
    public async Task ReturnUrlOtherThanTheLocalAuthorizeEndpoint_IsRefusedOnGetAndPost(string returnUrl)
    {
        using var browser = fixture.NewBrowser();
        var form = await this.OpenFormAsync(browser);

        using var shown = await browser.GetAsync("account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var posted = await browser.PostSignInAsync(form.AntiforgeryToken, returnUrl, "president@un.example", "circulation-dev");

        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.DoesNotContain("name=\"password\"", await shown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Null(posted.Headers.Location);
        Assert.False(browser.HasSession);
    }

    private static string StripToken(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" value=\"[^\"]*\"", "");

    private async Task<SignInPage> OpenFormAsync(OidcBrowser browser)
    {
        var request = AuthorizeRequest.New(ProviderFixture.RegisteredRedirectUri);
        using var authorize = await browser.GetAsync(OidcBrowser.AuthorizeUrl(request));
        using var page = await browser.GetAsync(OidcBrowser.RedirectTarget(authorize).ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await OidcBrowser.ReadFormAsync(page);
    }
}
