using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Circulation.IdentityProvider.Tests.Infrastructure;

/// <summary>
/// What a browser and a relying party do in the authorization code flow, step by step, with real HTTP:
/// a cookie jar, and every redirect returned rather than followed.
/// </summary>
public sealed class OidcBrowser : IDisposable
{
    private readonly ProviderFixture fixture;
    private readonly HttpClient http;

    internal OidcBrowser(ProviderFixture fixture)
    {
        this.fixture = fixture;
        this.Cookies = new CookieContainer();
        this.http = new HttpClient(new HttpClientHandler { CookieContainer = this.Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = fixture.Issuer,
        };
    }

    /// <summary>The browser's cookies.</summary>
    public CookieContainer Cookies { get; }

    /// <summary>True if the provider's session cookie is set.</summary>
    public bool HasSession => this.Cookies.GetCookies(this.fixture.Issuer).Any(c => c.Name == ".Circulation.IdentityProvider");

    /// <summary>A redirect URI on a loopback port other than the registered one, as a test's app host has.</summary>
    public static string AppRedirectUri(int port) => $"http://127.0.0.1:{port}/signin-oidc";

    /// <summary>A new PKCE pair (S256).</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        string verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        string challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    /// <summary>The authorization request URL (relative to the issuer); a null value leaves the parameter out.</summary>
    public static string AuthorizeUrl(AuthorizeRequest request, params (string Name, string? Value)[] overrides)
    {
        var parameters = new List<(string Name, string? Value)>
        {
            ("client_id", ProviderFixture.ClientId),
            ("redirect_uri", request.RedirectUri),
            ("response_type", "code"),
            ("response_mode", "query"),
            ("scope", "openid email profile roles"),
            ("state", request.State),
            ("nonce", request.Nonce),
            ("code_challenge", request.CodeChallenge),
            ("code_challenge_method", "S256"),
        };
        foreach (var (name, value) in overrides)
        {
            parameters.RemoveAll(p => p.Name == name);
            parameters.Add((name, value));
        }

        return "connect/authorize?" + string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
    }

    /// <summary>GET of a URL relative to the issuer (or absolute).</summary>
    public Task<HttpResponseMessage> GetAsync(string url) => this.http.GetAsync(new Uri(this.fixture.Issuer, url));

    /// <summary>The absolute Location of a redirect, asserting the response is one.</summary>
    public static Uri RedirectTarget(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.Redirect,
            $"Expected a redirect, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        var location = response.Headers.Location!;
        return location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
    }

    /// <summary>
    /// The OAuth error of an authorization response and whether it came as a redirect to the client:
    /// OpenIddict redirects errors found after the redirect_uri was checked, and answers earlier ones itself.
    /// </summary>
    public static async Task<(string? Error, bool Redirected, Uri? Target)> AuthorizationErrorAsync(HttpResponseMessage response)
    {
        if (response.Headers.Location is not null)
        {
            var target = RedirectTarget(response);
            return (Query(target).GetValueOrDefault("error"), true, target);
        }

        string body = await response.Content.ReadAsStringAsync();
        string? error = body.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("error:", StringComparison.Ordinal))?["error:".Length..];
        return (error, false, null);
    }

    /// <summary>Reads the sign-in form a response shows.</summary>
    public static async Task<SignInPage> ReadFormAsync(HttpResponseMessage response)
    {
        string html = await response.Content.ReadAsStringAsync();
        return new SignInPage(
            html,
            Attribute(html, "__RequestVerificationToken"),
            Attribute(html, "returnUrl"),
            Attribute(html, "email"));
    }

    /// <summary>Posts the sign-in form.</summary>
    public Task<HttpResponseMessage> PostSignInAsync(string? antiforgeryToken, string returnUrl, string email, string password)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("returnUrl", returnUrl),
            new("email", email),
            new("password", password),
        };
        if (antiforgeryToken is not null)
        {
            fields.Add(new("__RequestVerificationToken", antiforgeryToken));
        }

        return this.http.PostAsync(new Uri(this.fixture.Issuer, "account/signin"), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Authorize → sign-in page → right credentials → authorize → the client's redirect URI; returns
    /// where the provider finally sends the browser.
    /// </summary>
    public async Task<Uri> SignInAsync(string authorizeUrl, string email, string password = "circulation-dev")
    {
        using var authorize = await this.GetAsync(authorizeUrl);
        var signInPage = RedirectTarget(authorize);
        Assert.Equal("/account/signin", signInPage.AbsolutePath);
        using var page = await this.GetAsync(signInPage.ToString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = await ReadFormAsync(page);
        using var posted = await this.PostSignInAsync(form.AntiforgeryToken, form.ReturnUrl!, email, password);
        var back = RedirectTarget(posted);
        Assert.Equal("/connect/authorize", back.AbsolutePath);
        using var issued = await this.GetAsync(back.ToString());
        return RedirectTarget(issued);
    }

    /// <summary>Signs <paramref name="email"/> in for <paramref name="request"/> and redeems the code; the token response.</summary>
    public async Task<JsonElement> SignInAndRedeemAsync(AuthorizeRequest request, string email)
    {
        var callback = await this.SignInAsync(AuthorizeUrl(request), email);
        var (status, body) = await this.RedeemAsync(Query(callback)["code"], request.CodeVerifier, request.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>The token request, with the client's secret in the body unless another one is given.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> RedeemAsync(string code, string? codeVerifier, string redirectUri, string? clientSecret = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", redirectUri),
            new("client_id", ProviderFixture.ClientId),
            new("client_secret", clientSecret ?? this.fixture.ClientSecret),
        };
        if (codeVerifier is not null)
        {
            fields.Add(new("code_verifier", codeVerifier));
        }

        using var response = await this.http.PostAsync(new Uri(this.fixture.Issuer, "connect/token"), new FormUrlEncodedContent(fields));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>Validates an id_token as a relying party does: signature (JWKS), issuer, audience, lifetime.</summary>
    public async Task<JsonWebToken> ValidateIdTokenAsync(string idToken)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = this.fixture.Issuer.ToString(),
            ValidAudience = ProviderFixture.ClientId,
            IssuerSigningKeys = this.fixture.SigningKeys,
            ValidateLifetime = true,
            RequireSignedTokens = true,
        });
        Assert.True(result.IsValid, $"The id_token is not valid: {result.Exception}");
        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The query parameters of a URI.</summary>
    public static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "", StringComparer.Ordinal);

    /// <summary>A port that is not the registered one.</summary>
    public static int SomePort() => 20000 + RandomNumberGenerator.GetInt32(30000);

    /// <inheritdoc/>
    public void Dispose() => this.http.Dispose();

    private static string? Attribute(string html, string name)
    {
        var match = Regex.Match(html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"", RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}

/// <summary>The parameters of one authorization request.</summary>
/// <param name="RedirectUri">The redirect_uri.</param>
/// <param name="State">The state.</param>
/// <param name="Nonce">The nonce.</param>
/// <param name="CodeVerifier">The PKCE verifier.</param>
/// <param name="CodeChallenge">Its S256 challenge.</param>
public sealed record AuthorizeRequest(string RedirectUri, string State, string Nonce, string CodeVerifier, string CodeChallenge)
{
    /// <summary>A new request to <paramref name="redirectUri"/> with fresh state, nonce and PKCE pair.</summary>
    public static AuthorizeRequest New(string redirectUri)
    {
        var (verifier, challenge) = OidcBrowser.Pkce();
        return new AuthorizeRequest(
            redirectUri,
            Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLower(CultureInfo.InvariantCulture),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLower(CultureInfo.InvariantCulture),
            verifier,
            challenge);
    }
}

/// <summary>A sign-in page as served.</summary>
/// <param name="Html">The whole page.</param>
/// <param name="AntiforgeryToken">The form's antiforgery token.</param>
/// <param name="ReturnUrl">The hidden returnUrl.</param>
/// <param name="Email">The e-mail field's value.</param>
public sealed record SignInPage(string Html, string? AntiforgeryToken, string? ReturnUrl, string? Email);
