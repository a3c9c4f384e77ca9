using Circulation.Access;
using Circulation.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Circulation.LocalHost.SignIn;

/// <summary>
/// The local host's sign-in: the OpenID Connect authorization-code flow with PKCE against the local provider
/// (Auth:OpenIdConnect), then an HttpOnly, SameSite=Lax cookie session. In Azure, Easy Auth plays this part.
/// </summary>
public static class LocalSignInExtensions
{
    /// <summary>The session cookie's name.</summary>
    public const string SessionCookie = ".Circulation.Session";

    private const string LoginHintItem = "login_hint";
    private const string PromptItem = "prompt";

    /// <summary>Adds cookie authentication with OpenID Connect as the challenge, configured from Auth:OpenIdConnect.</summary>
    public static WebApplicationBuilder AddLocalSignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var local = builder.Configuration.GetSection(LocalSignInOptions.SectionName).Get<LocalSignInOptions>() ?? new LocalSignInOptions();
        var oidc = auth.OpenIdConnect;
        if (auth.Mode != AuthMode.OpenIdConnect)
        {
            throw new InvalidOperationException("The local host signs people in with OpenID Connect: set Auth:Mode to OpenIdConnect.");
        }

        var missing = new[] { ("Authority", oidc.Authority), ("ClientId", oidc.ClientId), ("ClientSecret", oidc.ClientSecret) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => $"Auth:OpenIdConnect:{s.Item1}").ToArray();
        if (missing.Length > 0 || !Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority))
        {
            throw new InvalidOperationException($"Sign-in is not configured: set {string.Join(", ", missing.DefaultIfEmpty("Auth:OpenIdConnect:Authority (an absolute URL)"))}.");
        }

        var protection = builder.Services.AddDataProtection().SetApplicationName("Circulation.LocalHost");
        if (local.DataProtectionPath.Length > 0)
        {
            protection.PersistKeysToFileSystem(Directory.CreateDirectory(local.DataProtectionPath));
        }

        builder.Services
            .AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = local.SessionLifetime;
                o.SlidingExpiration = true;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.RequireHttpsMetadata = !authority.IsLoopback;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = true;
                o.Scope.Clear();
                foreach (string scope in new[] { "openid", "profile", "email", "roles" })
                {
                    o.Scope.Add(scope);
                }

                o.TokenValidationParameters.NameClaimType = StaffClaims.Name;
                o.TokenValidationParameters.RoleClaimType = StaffClaims.Roles;
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = "/signed-out";
                // The provider answers with a top-level redirect (response_mode=query), so Lax cookies come back with it.
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (context.Properties.Items.TryGetValue(LoginHintItem, out string? hint) && !string.IsNullOrEmpty(hint))
                    {
                        context.ProtocolMessage.LoginHint = hint;
                    }

                    if (context.Properties.Items.TryGetValue(PromptItem, out string? prompt) && prompt == "login")
                    {
                        context.ProtocolMessage.Prompt = "login";
                    }

                    return Task.CompletedTask;
                };
            });
        return builder;
    }

    /// <summary>Maps /signin (GET), /signout (POST, same origin only) and /signed-out, and sets security headers on every response.</summary>
    public static WebApplication UseLocalSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var guard = context.RequestServices.GetRequiredService<RequestGuard>();
            context.Response.OnStarting(() =>
            {
                if (!context.Response.Headers.ContainsKey("Content-Security-Policy"))
                {
                    guard.ApplyHeaders(context);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAuthentication();

        app.MapGet("/signin", (HttpContext context, string? returnUrl, string? loginHint, string? prompt) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = IsLocalPath(returnUrl) ? returnUrl : "/" };
            if (!string.IsNullOrWhiteSpace(loginHint) && loginHint.Length <= 254)
            {
                properties.Items[LoginHintItem] = loginHint.Trim();
            }

            if (prompt == "login")
            {
                properties.Items[PromptItem] = "login";
            }

            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).WithName("SignIn");

        app.MapPost("/signout", (HttpContext context) =>
        {
            var guard = context.RequestServices.GetRequiredService<RequestGuard>();
            return guard.IsSameOrigin(context.Request)
                ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" }, [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme])
                : HtmlPage.Problem("Refused", "Signing out can only be asked from Circulation's own pages.", StatusCodes.Status403Forbidden);
        }).DisableAntiforgery().WithName("SignOut");

        app.MapGet("/signed-out", () => HtmlPage.Render(
            "You have signed out",
            """<p>You are no longer signed in to Circulation on this browser.</p><p><a class="button" href="/signin?returnUrl=%2F">Sign in</a></p>""")).WithName("SignedOut");
        return app;
    }

    /// <summary>
    /// True for a path on this site ("/x"), never another site ("//evil", "/\evil", "https://...") nor one with a control
    /// character anywhere: browsers drop tabs and line breaks from a Location, so "/\t/evil" would become "//evil".
    /// </summary>
    private static bool IsLocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
