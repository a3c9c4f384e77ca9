using System.Net;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Web;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>The running host speaks the API's contract: the OpenAPI document at /api/openapi.json and RFC 9457 problems.</summary>
[Collection(Collections.Input)]
public sealed class ApiContractTests(InputHostFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_IsServedWithoutSignIn_AndReadsBackWithEveryApiRoute()
    {
        var answer = await fixture.Api.GetAsync("api/openapi.json");

        Assert.Equal((HttpStatusCode.OK, "application/json"), (answer.Status, answer.ContentType));
        var read = OpenApiDocument.Parse(answer.Body, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic!.Errors);
        int operations = read.Document!.Paths.Sum(p => p.Value.Operations!.Count);
        Assert.Equal(ApiDocument.ApiRoutes(CirculationRoutes.All).Count(), operations);
        Assert.Contains(HttpMethod.Post, read.Document.Paths["/api/letters/{id}/submit"].Operations!.Keys);
    }

    [Fact]
    public async Task UnknownLetter_IsANoSuchLetterProblem_WithInstanceAndReference()
    {
        var answer = await fixture.Api.As(TestPeople.Drafter).GetAsync("api/letters/L20260101-000000-ZZZZZZ");

        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (answer.Status, answer.ContentType));
        var problem = answer.Json;
        Assert.Equal("https://circulation.un.org/problems/no-such-letter", problem.GetProperty("type").GetString());
        Assert.Equal("No such letter", problem.GetProperty("title").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("There is no letter L20260101-000000-ZZZZZZ.", problem.GetProperty("detail").GetString());
        Assert.Equal("/api/letters/L20260101-000000-ZZZZZZ", problem.GetProperty("instance").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("reference").GetString()));
    }
}
