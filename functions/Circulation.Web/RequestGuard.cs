using Circulation.Access;
using Circulation.Approval;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// Runs before every route's handler, in both shells: sets the security headers, refuses cross-site state changes
/// (Origin, or else Referer, must be the app's own; JSON endpoints need Content-Type application/json), requires a
/// signed-in person of the Office, and applies <see cref="StaffAccess"/> to the route's <see cref="RouteAccess"/>.
/// </summary>
public sealed partial class RequestGuard
{
    private static readonly object SignedInKey = new();
    private readonly StaffAccess access;
    private readonly SignInUrls urls;
    private readonly AuthOptions auth;
    private readonly string appOrigin;
    private readonly string? formTargets;
    private readonly ILogger<RequestGuard> logger;

    /// <summary>Creates the guard.</summary>
    public RequestGuard(StaffAccess access, SignInUrls urls, IOptions<AuthOptions> auth, IOptions<LinkOptions> links, ILogger<RequestGuard> logger)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(links);
        this.access = access;
        this.urls = urls;
        this.auth = auth.Value;
        this.appOrigin = OriginOf(links.Value.PublicBaseUrl)!;
        this.formTargets = this.auth.Mode == AuthMode.OpenIdConnect ? OriginOf(this.auth.OpenIdConnect.Authority) : null;
        this.logger = logger;
    }

    /// <summary>The signed-in person <see cref="CheckAsync"/> admitted for this request.</summary>
    /// <exception cref="InvalidOperationException">The route is public, so nobody was admitted.</exception>
    public static SignedInStaff SignedIn(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(SignedInKey, out var value) && value is SignedInStaff staff
            ? staff
            : throw new InvalidOperationException("No signed-in person was admitted for this request: the route must not be public.");
    }

    /// <summary>Sets the security headers on a response that does not go through a route (the local host's sign-in pages, 404s).</summary>
    public void ApplyHeaders(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        SecurityHeaders.Apply(context.Response, this.StrictTransport(context), cacheable: false, this.formTargets);
    }

    /// <summary>
    /// True when a state-changing request comes from the app's own pages: its Origin is the app's; or, when it has no
    /// Origin or an opaque one ("null"), the browser's Fetch Metadata says it is same-origin; or, without either, its
    /// Referer is the app's.
    /// </summary>
    /// <remarks>
    /// The pages send Referrer-Policy: no-referrer, and under that policy browsers send "Origin: null" and no Referer on
    /// their own same-origin form posts and fetches. Sec-Fetch-Site is set by the browser alone (a page cannot forge it),
    /// and an attacker's opaque origin (a sandboxed frame) arrives as cross-site, so it is what decides then.
    /// </remarks>
    public bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != "null")
        {
            return string.Equals(origin.TrimEnd('/'), this.appOrigin, StringComparison.OrdinalIgnoreCase);
        }

        string site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return site == "same-origin";
        }

        return origin.Length == 0 && OriginOf(request.Headers.Referer.ToString()) is { } referer
            && string.Equals(referer, this.appOrigin, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Null when the request may reach the handler; otherwise the answer to send instead.</summary>
    public async Task<IResult?> CheckAsync(CirculationRoute route, HttpContext context, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        bool api = route.Template.StartsWith("api/", StringComparison.Ordinal);
        SecurityHeaders.Apply(context.Response, this.StrictTransport(context), cacheable: route.Template.StartsWith("assets/", StringComparison.Ordinal), this.formTargets);

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (!this.IsSameOrigin(request))
            {
                this.LogCrossSite(route.Name, request.Headers.Origin.ToString());
                return Refuse(api, ProblemKind.CrossSiteRequest, "Refused: this request did not come from Circulation's own pages",
                    "A change can only be made from Circulation's own pages (the request's Origin is another site's, or missing).");
            }

        }

        if (route.Access == RouteAccess.Public)
        {
            return UnsupportedContentType(route, request, api);
        }

        var who = this.access.Identify(context.User);
        if (who.IsAnonymous)
        {
            string returnPath = request.Path + request.QueryString;
            return api
                ? ApiResults.Problem(ProblemKind.SignInRequired, "Sign in first: this API needs a signed-in person of the Office.", [new("signIn", this.urls.SignIn("/"))])
                : HttpMethods.IsGet(request.Method)
                    ? Results.Redirect(this.urls.SignIn(returnPath))
                    : HtmlPage.Problem("Please sign in", "Your session has ended. Open the link again and sign in.", StatusCodes.Status401Unauthorized);
        }

        if (who.Staff is not { } staff)
        {
            this.LogNotInDirectory(route.Name);
            return Refuse(api, ProblemKind.NotInStaffDirectory, "Not in the staff directory",
                $"You are signed in as {who.SignedInAs}, who is not in the Office's staff directory. Ask the Office manager to add you, or sign in as someone else.");
        }

        context.Items[SignedInKey] = staff;
        if (UnsupportedContentType(route, request, api) is { } unsupported)
        {
            return unsupported;
        }

        string? refusal = route.Access switch
        {
            RouteAccess.Compose => StaffAccess.RefuseCompose(staff),
            RouteAccess.Admin => StaffAccess.RefuseUnlessAdmin(staff),
            RouteAccess.ReadLetter or RouteAccess.ChangeLetter => await RefuseLetterAsync(route.Access, staff, client, routeValue, context.RequestAborted),
            _ => null,
        };
        if (refusal is not null)
        {
            this.LogRefused(route.Name, route.Access);
            return Refuse(api, ProblemKind.NotAllowed, "Not allowed", refusal);
        }

        return null;
    }

    /// <summary>The answer to an unexpected failure: logged in full with a reference; the client gets the reference only.</summary>
    public IResult Unexpected(CirculationRoute route, HttpContext context, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(context);
        string reference = ProblemResult.ReferenceOf(context);
        this.LogUnexpected(exception, route.Name, reference);
        string message = $"Something went wrong on our side. Reload to see what was saved; if it happens again, give the Office's support the reference {reference}.";
        return route.Template.StartsWith("api/", StringComparison.Ordinal)
            ? ApiResults.Problem(ProblemKind.Unexpected, message, [new("reference", reference)])
            : HtmlPage.Render("Something went wrong", $"""<div class="notice notice-problem" role="alert"><p>{HtmlPage.Enc(message)}</p></div>""", StatusCodes.Status500InternalServerError);
    }

    private static async Task<string?> RefuseLetterAsync(RouteAccess kind, SignedInStaff staff, DurableTaskClient client, string? routeValue, CancellationToken ct)
    {
        var (id, _) = CirculationRoute.Split(routeValue);
        var snapshot = await LetterStatusReader.ReadAsync(client, id, ct);
        if (snapshot is null)
        {
            return null; // The handler answers 404 in its own words.
        }

        // Whoever was given a step in flight (a replacement) reads the letter like the approvers named in it.
        var parties = new LetterParties(snapshot.Input.Drafter, [.. snapshot.Input.Approvers, .. snapshot.Progress.Replacements], snapshot.Input.SignatoryEmail);
        return kind == RouteAccess.ReadLetter ? StaffAccess.RefuseRead(staff, parties) : StaffAccess.RefuseChange(staff, parties);
    }

    /// <summary>A 415 when a state-changing JSON endpoint gets another content type; a request without a body (POST
    /// .../submit) may omit the type, since no HTML form can send one without it.</summary>
    private static IResult? UnsupportedContentType(CirculationRoute route, HttpRequest request, bool api)
    {
        if (!api || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || route.RequestContentType is not { } type)
        {
            return null;
        }

        bool hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        return (request.ContentType is null ? hasBody : !request.ContentType.StartsWith(type, StringComparison.OrdinalIgnoreCase))
            ? ApiResults.Problem(ProblemKind.UnsupportedContentType, $"Send this request with Content-Type: {type}.")
            : null;
    }

    private static IResult Refuse(bool api, ProblemKind kind, string title, string message) =>
        api ? ApiResults.Problem(kind, message) : HtmlPage.Problem(title, message, kind.Status);

    private bool StrictTransport(HttpContext context) => this.auth.Mode == AuthMode.EasyAuth || context.Request.IsHttps;

    private static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.GetLeftPart(UriPartial.Authority) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Route}: cross-site request from origin {Origin}")]
    private partial void LogCrossSite(string route, string origin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Route}: the signed-in person is not in the staff directory")]
    private partial void LogNotInDirectory(string route);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Route} failed unexpectedly (reference {Reference})")]
    private partial void LogUnexpected(Exception exception, string route, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Route}: access {Access} not granted")]
    private partial void LogRefused(string route, RouteAccess access);
}
