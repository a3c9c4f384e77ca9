using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>
/// One kind of API problem (RFC 9457): a stable <see cref="Type"/> URI under <see cref="TypeBase"/>, a short
/// <see cref="Title"/> that does not change from occurrence to occurrence, and the HTTP status it is answered with.
/// The occurrence's own words go in the problem's "detail". Clients branch on <see cref="Type"/>, never on the words.
/// </summary>
/// <param name="Slug">The last segment of <see cref="Type"/>, e.g. "no-such-letter".</param>
/// <param name="Title">The kind's title, e.g. "No such letter".</param>
/// <param name="Status">The HTTP status of this kind.</param>
public sealed record ProblemKind(string Slug, string Title, int Status)
{
    /// <summary>Where every problem type URI starts; the URIs are identifiers (documented in the README), not pages.</summary>
    public const string TypeBase = "https://circulation.un.org/problems/";

    /// <summary>The problem type URI, e.g. "https://circulation.un.org/problems/no-such-letter".</summary>
    public string Type => TypeBase + this.Slug;

    /// <summary>400: one or more fields were not accepted; the extension member "errors" lists them.</summary>
    public static ProblemKind InvalidFields { get; } = new("invalid-fields", "Some fields were not accepted", StatusCodes.Status400BadRequest);

    /// <summary>400: the request as a whole was not understood (not JSON, a bad parameter, a missing header).</summary>
    public static ProblemKind BadRequest { get; } = new("bad-request", "The request was not understood", StatusCodes.Status400BadRequest);

    /// <summary>401: nobody is signed in; the extension member "signIn" says where to sign in.</summary>
    public static ProblemKind SignInRequired { get; } = new("sign-in-required", "Sign in first", StatusCodes.Status401Unauthorized);

    /// <summary>403: a state-changing request that did not come from Circulation's own pages.</summary>
    public static ProblemKind CrossSiteRequest { get; } = new("cross-site-request", "Refused: not from Circulation's own pages", StatusCodes.Status403Forbidden);

    /// <summary>403: the signed-in person is not in the Office's staff directory.</summary>
    public static ProblemKind NotInStaffDirectory { get; } = new("not-in-staff-directory", "Not in the staff directory", StatusCodes.Status403Forbidden);

    /// <summary>403: the signed-in person may not do this (role, or not a party to the letter).</summary>
    public static ProblemKind NotAllowed { get; } = new("not-allowed", "Not allowed", StatusCodes.Status403Forbidden);

    /// <summary>404: the letter id names no letter, or is not a letter id at all.</summary>
    public static ProblemKind NoSuchLetter { get; } = new("no-such-letter", "No such letter", StatusCodes.Status404NotFound);

    /// <summary>404: something else the request names does not exist (a version, a PDF not rendered yet, a mission).</summary>
    public static ProblemKind NotFound { get; } = new("not-found", "Not found", StatusCodes.Status404NotFound);

    /// <summary>409: the letter's stage (or a concurrent change) does not allow this now; nothing was changed.</summary>
    public static ProblemKind Conflict { get; } = new("conflict", "Not possible in the letter's current state", StatusCodes.Status409Conflict);

    /// <summary>413: the request body is larger than the route accepts.</summary>
    public static ProblemKind TooLarge { get; } = new("too-large", "The request is too large", StatusCodes.Status413PayloadTooLarge);

    /// <summary>415: the request's Content-Type is not the one the route accepts.</summary>
    public static ProblemKind UnsupportedContentType { get; } = new("unsupported-content-type", "Unsupported content type", StatusCodes.Status415UnsupportedMediaType);

    /// <summary>429: the client address has used its budget of requests (GET api/verify); the header Retry-After says when to try again.</summary>
    public static ProblemKind TooManyRequests { get; } = new("too-many-requests", "Too many requests", StatusCodes.Status429TooManyRequests);

    /// <summary>500: an unexpected failure on Circulation's side; the extension member "reference" identifies it in the logs.</summary>
    public static ProblemKind Unexpected { get; } = new("unexpected", "Something went wrong on our side", StatusCodes.Status500InternalServerError);

    /// <summary>Every kind, for the README and the OpenAPI document.</summary>
    public static IReadOnlyList<ProblemKind> All { get; } =
        [InvalidFields, BadRequest, SignInRequired, CrossSiteRequest, NotInStaffDirectory, NotAllowed, NoSuchLetter, NotFound, Conflict, TooLarge, UnsupportedContentType, TooManyRequests, Unexpected];

    /// <summary>The general kind for <paramref name="status"/> (the first of <see cref="All"/> with it, field errors aside).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No kind has that status: add one here rather than answer an undocumented problem.</exception>
    public static ProblemKind ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => SignInRequired,
        StatusCodes.Status403Forbidden => NotAllowed,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedContentType,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status500InternalServerError => Unexpected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "No problem kind has this status; add one to ProblemKind."),
    };
}
