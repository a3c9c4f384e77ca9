using Circulation.Web;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit;

namespace Circulation.Tests.Web;

/// <summary>The OpenAPI document (GET /api/openapi.json) describes exactly the API routes of <see cref="CirculationRoutes"/>.</summary>
public sealed class ApiDocumentTests
{
    private static async Task<OpenApiDocument> ReadBackAsync(IEnumerable<CirculationRoute> routes)
    {
        string json = await ApiDocument.Build(routes).SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        Assert.True(result.Diagnostic is { Errors.Count: 0 }, "The document does not read back: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic!.SpecificationVersion);
        return result.Document!;
    }

    private static HashSet<string> Operations(OpenApiDocument document) =>
        [.. document.Paths.SelectMany(p => p.Value.Operations!.Select(o => $"{o.Key.Method.ToUpperInvariant()} {p.Key}"))];

    [Fact]
    public void EveryApiRoute_HasAnOpenApiDescription_AndNoPageRouteHasOne()
    {
        var omissions = ApiDocument.Omissions(CirculationRoutes.All);

        Assert.True(omissions.Count == 0, string.Join(Environment.NewLine, omissions));
    }

    [Fact]
    public async Task Document_ReadBackWithTheLibrary_HasEveryApiRouteWithItsMethod_AndNothingElse()
    {
        var document = await ReadBackAsync(CirculationRoutes.All);

        var expected = ApiDocument.ApiRoutes(CirculationRoutes.All).Select(r => $"{r.Method} /{r.Template}").ToHashSet();
        Assert.Contains("GET /api/openapi.json", expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Operations(document).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(document.Paths.Keys, p => !p.StartsWith("/api/", StringComparison.Ordinal));
    }

    [Fact]
    public void Document_PassesTheLibrarysDefaultValidationRules()
    {
        var errors = ApiDocument.Build(CirculationRoutes.All).Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
    }

    [Fact]
    public void EverySchemaARouteNames_IsAComponentOfTheDocument()
    {
        var names = ApiSchemas.Create().Keys.ToHashSet(StringComparer.Ordinal);
        var named = CirculationRoutes.All.Where(r => r.Doc is not null).SelectMany(r => new[] { (r.Name, r.Doc!.Body), (r.Name, r.Doc.Returns) }).Where(x => x.Item2 is not null);

        Assert.All(named, x => Assert.True(names.Contains(x.Item2!), $"{x.Name} names the schema '{x.Item2}', which ApiSchemas does not define."));
    }

    [Fact]
    public async Task Operations_CarryTheirParameters_Security_AndProblemResponses()
    {
        var document = await ReadBackAsync(CirculationRoutes.All);
        var resend = document.Paths["/api/letters/{id}/deliveries/{mission}/resend"].Operations![HttpMethod.Post];
        var health = document.Paths["/api/health"].Operations![HttpMethod.Get];
        var list = document.Paths["/api/letters"].Operations![HttpMethod.Get];

        Assert.Equal(["id", "mission"], resend.Parameters!.Select(p => p.Name));
        Assert.All(resend.Parameters!, p => Assert.Equal(ParameterLocation.Path, p.In));
        Assert.True(resend.RequestBody!.Content!.ContainsKey("application/json"));
        Assert.Equal(["202", "400", "401", "403", "404", "409", "413", "415", "500"], resend.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.True(resend.Responses["409"].Content!.ContainsKey("application/problem+json"));
        Assert.Contains(ProblemKind.CrossSiteRequest.Type, resend.Responses["403"].Description, StringComparison.Ordinal);
        Assert.Equal(2, resend.Security!.Count);
        Assert.Empty(health.Security!);
        Assert.Contains(list.Parameters!, p => p.Name == "continuation" && p.In == ParameterLocation.Query);
        Assert.Contains(ApiDocument.EasyAuthScheme, document.Components!.SecuritySchemes!.Keys);
    }

    [Fact]
    public void ApiRouteAddedWithoutADescription_FailsNamingTheRouteAndWhatToAdd()
    {
        var undescribed = new CirculationRoute("WithdrawLetter", "POST", "api/letters/{id}/withdraw", "id", _ => (_, _, _) => Task.FromResult(Microsoft.AspNetCore.Http.Results.Ok()));

        var failure = Assert.Throws<InvalidOperationException>(() => ApiDocument.Build([.. CirculationRoutes.All, undescribed]));

        Assert.Contains("WithdrawLetter (POST /api/letters/{id}/withdraw) has no OpenAPI description", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Doc = new(", failure.Message, StringComparison.Ordinal);
    }
}
