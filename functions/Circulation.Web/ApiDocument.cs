using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.OpenApi;

namespace Circulation.Web;

/// <summary>
/// The OpenAPI 3.1 document of the JSON API, served at GET /api/openapi.json. It is generated from
/// <see cref="CirculationRoutes.All"/>: every "api/" route with its method, path parameters, access (security and the
/// 401/403 problems it implies), request content type and its <see cref="RouteDoc"/> (summary, query parameters, body,
/// success response, further problems). A route without a <see cref="RouteDoc"/> cannot be described, so building the
/// document fails naming it (and a test fails before that can ship).
/// </summary>
public static class ApiDocument
{
    /// <summary>The document's route template.</summary>
    public const string Template = "api/openapi.json";

    /// <summary>The Azure sign-in session: App Service Authentication (Easy Auth) with Microsoft Entra ID.</summary>
    public const string EasyAuthScheme = "easyAuth";

    /// <summary>The local host's sign-in session cookie (./run.sh, tests).</summary>
    public const string LocalSessionScheme = "localSession";

    private static readonly Lazy<Task<string>> Json = new(() => Build(CirculationRoutes.All).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));

    /// <summary>The routes the document must describe: those under "api/".</summary>
    public static IEnumerable<CirculationRoute> ApiRoutes(IEnumerable<CirculationRoute> routes) =>
        routes.Where(r => r.Template.StartsWith("api/", StringComparison.Ordinal));

    /// <summary>One sentence per route that is described wrongly: an API route without <see cref="CirculationRoute.Doc"/>, or a page route with one.</summary>
    public static IReadOnlyList<string> Omissions(IEnumerable<CirculationRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return
        [
            .. routes.Where(r => r.Template.StartsWith("api/", StringComparison.Ordinal) && r.Doc is null).Select(r =>
                $"API route {r.Name} ({r.Method} /{r.Template}) has no OpenAPI description: add Doc = new(\"what it does\") {{ ... }} to its entry in CirculationRoutes.All."),
            .. routes.Where(r => !r.Template.StartsWith("api/", StringComparison.Ordinal) && r.Doc is not null).Select(r =>
                $"Page route {r.Name} ({r.Method} /{r.Template}) has an OpenAPI description, but the document describes only api/ routes: remove its Doc."),
        ];
    }

    /// <summary>The document for <paramref name="routes"/>.</summary>
    /// <exception cref="InvalidOperationException">A route is described wrongly (<see cref="Omissions"/>).</exception>
    public static OpenApiDocument Build(IEnumerable<CirculationRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var list = routes.ToList();
        if (Omissions(list) is { Count: > 0 } omissions)
        {
            throw new InvalidOperationException(string.Join(" ", omissions));
        }

        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Circulation API",
                Version = "1",
                Description = "Letters of the Office of the President of the General Assembly: drafting, approval, signature and distribution to the Permanent Missions. "
                    + "Every error is an RFC 9457 problem (application/problem+json) whose type is a URI under " + ProblemKind.TypeBase + ".",
            },
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = new Dictionary<string, IOpenApiSchema>(ApiSchemas.Create(), StringComparer.Ordinal),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [EasyAuthScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = "AppServiceAuthSession",
                        Description = "In Azure: the App Service Authentication (Easy Auth) session of a person signed in with Microsoft Entra ID (sign in at /.auth/login/aad).",
                    },
                    [LocalSessionScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = ".Circulation.Session",
                        Description = "On the local host: the session cookie set by signing in at /signin against the local OpenID Connect provider.",
                    },
                },
            },
        };
        document.RegisterComponents(); // so that the references below resolve (and validate) within this document

        foreach (var route in ApiRoutes(list))
        {
            string path = "/" + route.Template;
            if (!document.Paths.TryGetValue(path, out var item))
            {
                item = new OpenApiPathItem { Operations = [] };
                document.Paths[path] = item;
            }

            ((OpenApiPathItem)item).Operations![HttpMethod.Parse(route.Method)] = Operation(route, route.Doc!, document);
        }

        return document;
    }

    /// <summary>GET /api/openapi.json: the document as JSON (built once).</summary>
    public static async Task<IResult> ServeAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Results.Text(await Json.Value, "application/json; charset=utf-8");

    private static OpenApiOperation Operation(CirculationRoute route, RouteDoc doc, OpenApiDocument document)
    {
        bool changes = !string.Equals(route.Method, "GET", StringComparison.OrdinalIgnoreCase);
        var operation = new OpenApiOperation
        {
            OperationId = route.Name,
            Summary = doc.Summary,
            Description = AccessText(route.Access),
            Parameters = [.. PathParameters(route).Concat(doc.Query.Select(q => Parameter(q.Name, ParameterLocation.Query, q.Description, required: false)))],
            Responses = [],
            Security = route.Access == RouteAccess.Public
                ? []
                : [new() { [new OpenApiSecuritySchemeReference(EasyAuthScheme, document)] = [] }, new() { [new OpenApiSecuritySchemeReference(LocalSessionScheme, document)] = [] }],
        };

        if (doc.Body is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [route.RequestContentType ?? "application/json"] = Media(body, document) },
            };
        }
        else if (route.RequestContentType == "application/pdf")
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { ["application/pdf"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } } },
            };
        }

        operation.Responses[doc.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
        {
            Description = doc.Summary,
            Content = doc.Returns is { } returns
                ? new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [doc.MediaType] = Media(returns, document) }
                : doc.MediaType == "application/json" ? null : new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [doc.MediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } } },
        };

        foreach (var group in Problems(route, doc, changes).GroupBy(k => k.Status).OrderBy(g => g.Key))
        {
            operation.Responses[group.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = string.Join("; ", group.Select(k => $"{k.Title} ({k.Type})")),
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [ProblemResult.MediaType] = Media(ApiSchemas.Problem, document) },
            };
        }

        return operation;
    }

    /// <summary>The problems a route can answer: what its access and method imply, then the route's own, then 500.</summary>
    private static IEnumerable<ProblemKind> Problems(CirculationRoute route, RouteDoc doc, bool changes)
    {
        var kinds = new List<ProblemKind>();
        if (changes)
        {
            kinds.Add(ProblemKind.CrossSiteRequest);
        }

        if (route.Access != RouteAccess.Public)
        {
            kinds.AddRange([ProblemKind.SignInRequired, ProblemKind.NotInStaffDirectory]);
        }

        if (route.Access is RouteAccess.Compose or RouteAccess.ReadLetter or RouteAccess.ChangeLetter or RouteAccess.Admin)
        {
            kinds.Add(ProblemKind.NotAllowed);
        }

        if (changes && route.RequestContentType is not null)
        {
            kinds.Add(ProblemKind.UnsupportedContentType);
        }

        if (route.Parameter == "id")
        {
            kinds.Add(ProblemKind.NoSuchLetter);
        }

        kinds.AddRange(doc.Problems);
        kinds.Add(ProblemKind.Unexpected);
        return kinds.Distinct();
    }

    private static IEnumerable<IOpenApiParameter> PathParameters(CirculationRoute route)
    {
        foreach (string? name in new[] { route.Parameter, route.SecondParameter })
        {
            if (name is not null)
            {
                yield return Parameter(name, ParameterLocation.Path, name switch
                {
                    "id" => "The letter's id, e.g. L20261125-103512-7K2QX9.",
                    "version" => "A version number: 1, 2, 3, ...",
                    "mission" => "A mission's id on the letter's distribution list.",
                    "sha256" => "The file's SHA-256: 64 hexadecimal characters.",
                    _ => name,
                }, required: true);
            }
        }
    }

    private static OpenApiParameter Parameter(string name, ParameterLocation where, string description, bool required) => new()
    {
        Name = name,
        In = where,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiMediaType Media(string schema, OpenApiDocument document) => new() { Schema = new OpenApiSchemaReference(schema, document) };

    private static string AccessText(RouteAccess access) => access switch
    {
        RouteAccess.Public => "Anyone may call it, without signing in: it tells nothing about people, nor about letters beyond what a circulated letter itself says.",
        RouteAccess.Staff => "Any signed-in person of the Office's staff directory.",
        RouteAccess.Compose => "Drafters and admins.",
        RouteAccess.ReadLetter => "The letter's drafter, approvers and signatory, and admins.",
        RouteAccess.ChangeLetter => "The letter's drafter and admins.",
        RouteAccess.Admin => "Admins only.",
        _ => access.ToString(),
    };
}
