using Circulation.Archive;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Circulation.Web;

/// <summary>
/// Writes an RFC 9457 problem (the framework's <see cref="Microsoft.AspNetCore.Mvc.ProblemDetails"/>) as
/// <c>application/problem+json</c> with the API's JSON options. When it is written it fills in what only the request
/// knows: "instance" (the request's path) and the extension member "reference" (the request's trace id, which the logs
/// carry too), unless the problem already has them. Built only by <see cref="ApiResults"/>.
/// </summary>
public sealed class ProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult<ProblemDetails>
{
    /// <summary>The media type of every API error.</summary>
    public const string MediaType = "application/problem+json";

    /// <summary>Wraps <paramref name="problem"/>, whose Status must be set.</summary>
    public ProblemResult(ProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        this.ProblemDetails = problem;
    }

    /// <summary>The problem to write.</summary>
    public ProblemDetails ProblemDetails { get; }

    /// <inheritdoc/>
    public int? StatusCode => this.ProblemDetails.Status;

    /// <inheritdoc/>
    public string ContentType => MediaType;

    /// <inheritdoc/>
    public ProblemDetails Value => this.ProblemDetails;

    /// <summary>The reference by which support finds a request in the logs: its trace id, else the server's request id.</summary>
    public static string ReferenceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
    }

    /// <inheritdoc/>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        this.ProblemDetails.Instance ??= httpContext.Request.Path.HasValue ? httpContext.Request.Path.Value : null;
        this.ProblemDetails.Extensions.TryAdd("reference", ReferenceOf(httpContext));
        return Results.Json(this.ProblemDetails, ArchiveJson.Options, MediaType, this.ProblemDetails.Status ?? StatusCodes.Status500InternalServerError)
            .ExecuteAsync(httpContext);
    }
}
