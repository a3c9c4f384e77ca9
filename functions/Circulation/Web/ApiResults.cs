using Circulation.Archive;
using Circulation.Drafting;
using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>JSON results in the API's one format; errors always carry "error" and, for bad fields, "errors".</summary>
public static class ApiResults
{
    /// <summary>A JSON body with <paramref name="status"/>.</summary>
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, ArchiveJson.Options, "application/json; charset=utf-8", status);

    /// <summary>An error with a message.</summary>
    public static IResult Error(int status, string message) => Json(new { error = message }, status);

    /// <summary>The 404 for a letter id that names no letter, or is not a letter id at all.</summary>
    public static IResult NoSuchLetter(string? id) =>
        Error(StatusCodes.Status404NotFound, LetterId.IsWellFormed(id) ? $"There is no letter {id}." : $"'{id}' is not a letter id.");

    /// <summary>A 400 listing every bad field of a letter.</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors) => Invalid(errors, "letter");

    /// <summary>A 400 listing every bad field of <paramref name="what"/> ("letter", "document").</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string what) => Invalid(errors, what, StatusCodes.Status400BadRequest);

    /// <summary>An error with <paramref name="status"/> listing every bad field of <paramref name="what"/>.</summary>
    public static IResult Invalid(IReadOnlyList<FieldError> errors, string what, int status)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string summary = string.Join(" ", errors.Select(e => e.Message));
        return Json(new { error = $"The {what} was not accepted. {summary}", errors }, status);
    }
}
