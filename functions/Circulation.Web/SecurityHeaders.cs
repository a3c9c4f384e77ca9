using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>The headers every response carries: a strict CSP (no inline script or style), no sniffing, no framing, no referrer.</summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of the app's pages. <paramref name="formTargets"/>: origins a form may also post to or redirect to (the local sign-in provider).</summary>
    public static string ContentSecurityPolicy(string? formTargets = null) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' blob:; font-src 'self'; "
        + $"frame-src 'self' blob:; form-action 'self'{(string.IsNullOrEmpty(formTargets) ? "" : " " + formTargets)}; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>
    /// The Content-Security-Policy of a link page's PDF (<see cref="LinkPages"/>): it may be framed by the app's own pages
    /// and by nothing else; it loads nothing. The browser's PDF viewer shows it in an embedded object of its own origin.
    /// </summary>
    public const string FramedPdfPolicy = "default-src 'none'; object-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    /// <summary>Sets the headers on <paramref name="response"/> (before it starts).</summary>
    /// <param name="response">The response.</param>
    /// <param name="strictTransport">Adds HSTS (in Azure, always HTTPS).</param>
    /// <param name="cacheable">False (the default for everything but static assets): Cache-Control no-store, so link pages, PDFs and letters stay out of caches.</param>
    /// <param name="formTargets">Extra form-action origins.</param>
    public static void Apply(HttpResponse response, bool strictTransport, bool cacheable, string? formTargets = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(formTargets);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        if (strictTransport)
        {
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        }

        if (!cacheable)
        {
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
        }
    }
}
