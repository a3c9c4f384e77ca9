namespace Circulation.Web;

/// <summary>
/// What the OpenAPI document (GET /api/openapi.json, <see cref="ApiDocument"/>) says of one API route, beyond what the
/// route itself tells (method, path, path parameters, access, request content type). Every "api/" route must have one
/// (a test checks it); page routes have none.
/// </summary>
/// <param name="Summary">One line: what the route does, e.g. "Withdraws a letter before it is signed".</param>
public sealed record RouteDoc(string Summary)
{
    /// <summary>The request body's schema (a name in <see cref="ApiSchemas"/>), null for a route without a body.</summary>
    public string? Body { get; init; }

    /// <summary>The success status (default 200).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The success response's schema (a name in <see cref="ApiSchemas"/>), null when it has no JSON body.</summary>
    public string? Returns { get; init; }

    /// <summary>The success response's media type (default application/json; e.g. application/pdf).</summary>
    public string MediaType { get; init; } = "application/json";

    /// <summary>The query parameters, each with what it means.</summary>
    public IReadOnlyList<(string Name, string Description)> Query { get; init; } = [];

    /// <summary>
    /// The problems this route answers besides those that follow from the route itself (401/403 sign-in and access, 403
    /// cross-site and 415 for state changes, 404 no such letter for "{id}" routes, 500).
    /// </summary>
    public IReadOnlyList<ProblemKind> Problems { get; init; } = [];
}
