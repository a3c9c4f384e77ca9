using System.Text;
using System.Text.Encodings.Web;

namespace Circulation.IdentityProvider;

/// <summary>The provider's server-rendered pages: no script, no inline style, everything echoed HTML-encoded.</summary>
internal static class Pages
{
    /// <summary>The Office, as the pages name it.</summary>
    public const string Office = "Office of the President of the General Assembly";

    /// <summary>The message for a wrong e-mail address or password, and for an address not in the directory.</summary>
    public const string WrongCredentials = "The e-mail address or password is not right.";

    /// <summary>The sign-in form.</summary>
    public static IResult SignIn(SignInForm form, int statusCode = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        if (form.Error is not null)
        {
            html.Append("<p class=\"error\" id=\"signin-error\" role=\"alert\">").Append(Encode(form.Error)).Append("</p>\n");
        }

        html.Append("<form method=\"post\" action=\"/account/signin\" novalidate>\n")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(form.AntiforgeryField)).Append("\" value=\"").Append(Encode(form.AntiforgeryToken)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Encode(form.ReturnUrl)).Append("\">\n")
            .Append("<label for=\"email\">E-mail address</label>\n")
            .Append("<input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required")
            .Append(form.Email.Length == 0 ? " autofocus" : "")
            .Append(form.Error is null ? "" : " aria-describedby=\"signin-error\"")
            .Append(" value=\"").Append(Encode(form.Email)).Append("\">\n")
            .Append("<label for=\"password\">Password</label>\n")
            .Append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required")
            .Append(form.Email.Length == 0 ? "" : " autofocus")
            .Append(">\n")
            .Append("<button type=\"submit\">Sign in</button>\n")
            .Append("</form>\n")
            .Append("<footer><p>Local development sign-in: every person in the staff directory, password ")
            .Append(Encode(form.DevelopmentPassword)).Append("</p></footer>\n");
        return Page("Sign in to Circulation", html.ToString(), statusCode, form.FormTargets);
    }

    /// <summary>A page saying why the sign-in cannot go on (bad link, expired form).</summary>
    public static IResult Problem(string message, int statusCode = StatusCodes.Status400BadRequest) =>
        Page("Sign in to Circulation", $"<p class=\"error\" role=\"alert\">{Encode(message)}</p>\n", statusCode, []);

    /// <summary>Shown after end session when the client named no post_logout_redirect_uri.</summary>
    public static IResult SignedOut() =>
        Page("Signed out of Circulation", "<p>You are signed out. You can close this window.</p>\n", StatusCodes.Status200OK, []);

    /// <summary>
    /// The headers of every page. <paramref name="formTargets"/> are origins added to form-action: browsers
    /// apply form-action to every redirect that follows a form submission, and a successful sign-in
    /// ends, through /connect/authorize, at the client's redirect_uri on another origin.
    /// </summary>
    public static void SecurityHeaders(HttpResponse response, IEnumerable<string> formTargets)
    {
        string formAction = string.Join(' ', formTargets.Prepend("'self'"));
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'self'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }

    private static IResult Page(string title, string body, int statusCode, IReadOnlyList<string> formTargets)
    {
        string html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · {Encode(Office)}</title>
            <link rel="stylesheet" href="/account/signin.css">
            </head>
            <body>
            <main>
            <p class="office">{Encode(Office)}</p>
            <h1>{Encode(title)}</h1>
            {body}</main>
            </body>
            </html>

            """;
        return new HtmlResult(html, statusCode, formTargets);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private sealed class HtmlResult(string html, int statusCode, IReadOnlyList<string> formTargets) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            SecurityHeaders(httpContext.Response, formTargets);
            return httpContext.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}

/// <summary>What the sign-in form shows.</summary>
internal sealed record SignInForm(
    string ReturnUrl,
    string Email,
    string AntiforgeryField,
    string AntiforgeryToken,
    string DevelopmentPassword,
    IReadOnlyList<string> FormTargets,
    string? Error = null);
