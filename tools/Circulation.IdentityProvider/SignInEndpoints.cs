using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Circulation.IdentityProvider;

/// <summary>GET and POST /account/signin, and the page's style sheet.</summary>
internal static class SignInEndpoints
{
    private const string AuthorizePath = "/connect/authorize";

    /// <summary>Maps the sign-in page and /account/signin.css.</summary>
    public static void MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/signin", ShowAsync);
        app.MapPost("/account/signin", SignInAsync).DisableAntiforgery(); // Validated explicitly below, to answer with a page.
        app.MapGet("/account/signin.css", StyleSheet);
    }

    /// <summary>
    /// True if <paramref name="returnUrl"/> is this provider's authorization endpoint, as a local path:
    /// the only place the form ever sends a browser (no open redirect).
    /// </summary>
    internal static bool IsAuthorizeUrl(string? returnUrl) =>
        returnUrl is not null
        && (returnUrl == AuthorizePath || returnUrl.StartsWith(AuthorizePath + "?", StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && !returnUrl.Contains('#', StringComparison.Ordinal)
        && !returnUrl.Any(char.IsControl);

    private static IResult ShowAsync(HttpContext http, IAntiforgery antiforgery, ProviderSettings settings, string? returnUrl)
    {
        if (!IsAuthorizeUrl(returnUrl))
        {
            return Pages.Problem("This sign-in link is not valid. Go back to Circulation and sign in from there.");
        }

        var query = AuthorizeQuery(returnUrl!);
        string hint = query.TryGetValue(Parameters.LoginHint, out var h) ? h.ToString().Trim() : "";
        return Pages.SignIn(Form(http, antiforgery, settings, returnUrl!, hint, query));
    }

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery, ProviderSettings settings, StaffDirectory staff, TimeProvider time, ILogger<StaffDirectory> logger)
    {
        if (!http.Request.HasFormContentType)
        {
            Log.SignInFormRefused(logger, "not a form post");
            return Pages.Problem("This sign-in form was not sent as a form.");
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            Log.SignInFormRefused(logger, "antiforgery token missing or not valid");
            return Pages.Problem("This sign-in form has expired or was not sent from this page. Go back to Circulation and sign in again.");
        }

        var form = await http.Request.ReadFormAsync();
        string? returnUrl = form["returnUrl"];
        if (!IsAuthorizeUrl(returnUrl))
        {
            Log.SignInFormRefused(logger, "returnUrl is not the authorization endpoint");
            return Pages.Problem("This sign-in link is not valid. Go back to Circulation and sign in from there.");
        }

        string email = form["email"].ToString().Trim();
        var person = staff.Verify(email, form["password"]);
        if (person is null)
        {
            Log.SignInRefused(logger, email);
            var again = Form(http, antiforgery, settings, returnUrl!, email, AuthorizeQuery(returnUrl!)) with { Error = Pages.WrongCredentials };
            return Pages.SignIn(again, StatusCodes.Status400BadRequest);
        }

        await http.SignInAsync(AuthorizationEndpoints.SessionScheme, AuthorizationEndpoints.CreateSession(person, time.GetUtcNow()));
        Log.SignedIn(logger, person.Email);
        return Results.Redirect(returnUrl!);
    }

    private static IResult StyleSheet()
    {
        using var stream = typeof(SignInEndpoints).Assembly.GetManifestResourceStream("signin.css")
            ?? throw new InvalidOperationException("The embedded style sheet signin.css is missing.");
        using var reader = new StreamReader(stream);
        return Results.Text(reader.ReadToEnd(), "text/css; charset=utf-8");
    }

    private static SignInForm Form(HttpContext http, IAntiforgery antiforgery, ProviderSettings settings, string returnUrl, string email, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return new SignInForm(returnUrl, email, tokens.FormFieldName, tokens.RequestToken ?? "", settings.Password, FormTargets(query));
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> AuthorizeQuery(string returnUrl)
    {
        int question = returnUrl.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? [] : QueryHelpers.ParseQuery(returnUrl[question..]);
    }

    // The origin of the redirect_uri the sign-in will end at (OpenIddict validates the URI itself; this
    // only lets the browser follow the redirects after the form post, see Pages.SecurityHeaders).
    private static string[] FormTargets(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query) =>
        query.TryGetValue(Parameters.RedirectUri, out var value)
        && Uri.TryCreate(value.ToString(), UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
            ? [uri.GetLeftPart(UriPartial.Authority)]
            : [];
}
