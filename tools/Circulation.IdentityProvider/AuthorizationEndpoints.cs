using System.Collections.Immutable;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Circulation.IdentityProvider;

/// <summary>
/// The OpenIddict passthrough endpoints: OpenIddict has already validated each request (client,
/// redirect_uri, PKCE, code) before these run; they decide who the person is and which claims go out.
/// </summary>
internal static class AuthorizationEndpoints
{
    /// <summary>The provider's own session cookie scheme.</summary>
    public const string SessionScheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>The claim type of each role, as Entra ID names app roles.</summary>
    public const string RolesClaim = "roles";

    private const string OpenIddictScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>Maps /connect/authorize, /connect/token, /connect/userinfo and /connect/endsession.</summary>
    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        app.MapPost("/connect/token", ExchangeAsync);
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfoAsync);
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], EndSessionAsync);
        app.MapGet("/account/signed-out", () => Pages.SignedOut());
    }

    /// <summary>
    /// Issues a code to a person signed in here, else sends the browser to the sign-in page and back.
    /// prompt=login and an exceeded max_age end the session first; prompt=none never shows the page.
    /// </summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext http, StaffDirectory staff, TimeProvider time, ILogger<StaffDirectory> logger)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SessionScheme);
        var person = session.Succeeded ? staff.Find(session.Principal.GetClaim(Claims.Subject)) : null;
        long? authTime = long.TryParse(session.Principal?.GetClaim(Claims.AuthenticationTime), NumberStyles.None, CultureInfo.InvariantCulture, out long t) ? t : null;
        long now = time.GetUtcNow().ToUnixTimeSeconds();

        bool mustSignIn = person is null
            || authTime is null
            || request.HasPromptValue(PromptValues.Login)
            || (request.MaxAge is long maxAge && now - authTime.Value > maxAge);
        if (mustSignIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(Error(Errors.LoginRequired, "The person is not signed in."), [OpenIddictScheme]);
            }

            if (session.Succeeded)
            {
                await http.SignOutAsync(SessionScheme);
            }

            // Back to this request once signed in, without what forced the sign-in (else it would loop).
            var parameters = (http.Request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)http.Request.Form : http.Request.Query)
                .Where(p => p.Key is not (Parameters.Prompt or Parameters.MaxAge))
                .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)));
            string returnUrl = "/connect/authorize" + QueryString.Create(parameters);
            return Results.Redirect("/account/signin" + QueryString.Create("returnUrl", returnUrl));
        }

        var identity = CreateIdentity(person!, authTime!.Value, request.GetScopes());
        Log.CodeIssued(logger, request.ClientId, person!.Email);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictScheme);
    }

    /// <summary>Exchanges a code (already checked by OpenIddict: client, PKCE, redirect_uri, single use) for tokens.</summary>
    private static async Task<IResult> ExchangeAsync(HttpContext http, StaffDirectory staff, ILogger<StaffDirectory> logger)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (!request.IsAuthorizationCodeGrantType())
        {
            return Results.Forbid(Error(Errors.UnsupportedGrantType, "Only the authorization code flow is supported."), [OpenIddictScheme]);
        }

        var principal = (await http.AuthenticateAsync(OpenIddictScheme)).Principal;
        string? subject = principal?.GetClaim(Claims.Subject);
        var person = staff.Find(subject);
        if (principal is null || person is null)
        {
            Log.PersonGone(logger, request.ClientId, subject);
            return Results.Forbid(Error(Errors.InvalidGrant, "The person is no longer in the staff directory."), [OpenIddictScheme]);
        }

        // Keep OpenIddict's private claims (scopes, authorization) and refresh the person's from the directory.
        var identity = new ClaimsIdentity(principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RolesClaim);
        Describe(identity, person);
        identity.SetDestinations(Destinations);
        Log.TokensIssued(logger, request.ClientId, person.Email);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictScheme);
    }

    /// <summary>The person behind a valid access token.</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext http, StaffDirectory staff)
    {
        var principal = (await http.AuthenticateAsync(OpenIddictScheme)).Principal;
        var person = staff.Find(principal?.GetClaim(Claims.Subject));
        if (principal is null || person is null)
        {
            return Results.Challenge(Error(Errors.InvalidToken, "The access token is not valid."), [OpenIddictScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = person.Email };
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = person.Email;
        }

        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = person.Name;
        }

        if (principal.HasScope(Scopes.Roles))
        {
            claims[RolesClaim] = person.Roles;
        }

        return Results.Ok(claims);
    }

    /// <summary>Ends the provider's session; OpenIddict redirects to the validated post_logout_redirect_uri, else to a signed-out page.</summary>
    private static async Task<IResult> EndSessionAsync(HttpContext http, ILogger<StaffDirectory> logger)
    {
        await http.SignOutAsync(SessionScheme);
        Log.SignedOut(logger);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/account/signed-out" }, [OpenIddictScheme]);
    }

    /// <summary>The provider session's principal for a person who has just typed the right password.</summary>
    public static ClaimsPrincipal CreateSession(Person person, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(SessionScheme, Claims.Name, RolesClaim);
        identity.SetClaim(Claims.Subject, person.Email);
        identity.SetClaim(Claims.Name, person.Name);
        identity.SetClaim(Claims.AuthenticationTime, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        return new ClaimsPrincipal(identity);
    }

    private static ClaimsIdentity CreateIdentity(Person person, long authTime, ImmutableArray<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, RolesClaim);
        Describe(identity, person);
        identity.AddClaim(new Claim(Claims.AuthenticationTime, authTime.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        identity.SetScopes(requestedScopes.Where(s => s == Scopes.OpenId || Clients.Scopes.Contains(s)));
        identity.SetDestinations(Destinations);
        return identity;
    }

    private static void Describe(ClaimsIdentity identity, Person person)
    {
        identity.SetClaim(Claims.Subject, person.Email);
        identity.SetClaim(Claims.Email, person.Email);
        identity.SetClaim(Claims.Name, person.Name);
        identity.SetClaims(RolesClaim, [.. person.Roles]);
    }

    /// <summary>Which token each claim goes into: email, name and roles only with their scope.</summary>
    private static IEnumerable<string> Destinations(Claim claim)
    {
        var principal = claim.Subject is { } identity ? new ClaimsPrincipal(identity) : null;
        bool granted = claim.Type switch
        {
            Claims.Subject => true,
            Claims.Email => principal?.HasScope(Scopes.Email) == true,
            Claims.Name => principal?.HasScope(Scopes.Profile) == true,
            RolesClaim => principal?.HasScope(Scopes.Roles) == true,
            Claims.AuthenticationTime => true,
            _ => false,
        };
        if (!granted)
        {
            yield break;
        }

        if (claim.Type != Claims.AuthenticationTime)
        {
            yield return OpenIddictConstants.Destinations.AccessToken;
        }

        yield return OpenIddictConstants.Destinations.IdentityToken;
    }

    private static AuthenticationProperties Error(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
