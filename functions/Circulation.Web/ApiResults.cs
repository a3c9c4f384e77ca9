using Circulation.Archive;
using Circulation.Drafting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Circulation.Web;

/// <summary>
/// JSON results in the API's one format, and the one place that builds its errors: RFC 9457 problem details
/// (<c>application/problem+json</c>) with "type" (a <see cref="ProblemKind"/> URI), "title", "status", "detail" (the
/// plain-words message), "instance" (the request path), the extension member "reference" (the request's trace id) and,
/// for bad fields, the extension member "errors": [{field, message}].
/// </summary>
public static class ApiResults
{
    /// <summary>A JSON body with <paramref name="status"/>.</summary>
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, ArchiveJson.Options, "application/json; charset=utf-8", status);

    /// <summary>An error with a message: a problem of the general kind for <paramref name="status"/> (<see cref="ProblemKind.ForStatus"/>).</summary>
    public static IResult Error(int status, string message) => Problem(ProblemKind.ForStatus(status), message);

    /// <summary>A problem of <paramref name="kind"/> whose detail is <paramref name="message"/>, with optional extension members.</summary>
    public static IResult Problem(ProblemKind kind, string message, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var problem = new ProblemDetails { Type = kind.Type, Title = kind.Title, Status = kind.Status, Detail = message };
        foreach (var (name, value) in extensions ?? [])
        {
            problem.Extensions[name] = value;
        }

        return new ProblemResult(problem);
    }

    /// <summary>The 404 for a letter id that names no letter, or is not a letter id at all.</summary>
    public static IResult NoSuchLetter(string? id) =>
        Problem(ProblemKind.NoSuchLetter, LetterId.IsWellFormed(id) ? $"There is no letter {id}." : $"'{id}' is not a letter id.");

    /// <summary>A 400 listing every bad field of a letter.</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Invalid(errors, "letter");

    /// <summary>A 400 listing every bad field of <paramref name="what"/> ("letter", "document").</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string what) => Invalid(errors, what, StatusCodes.Status400BadRequest);

    /// <summary>
    /// An error with <paramref name="status"/> listing every bad field of <paramref name="what"/>: the kind
    /// <see cref="ProblemKind.InvalidFields"/> for a 400, else the general kind of the status; "errors" either way.
    /// </summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string what, int status)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string summary = string.Join(" ", errors.Select(e => e.Message));
        var kind = status == StatusCodes.Status400BadRequest ? ProblemKind.InvalidFields : ProblemKind.ForStatus(status);
        return Problem(kind, $"The {what} was not accepted. {summary}", [new("errors", errors)]);
    }
}
