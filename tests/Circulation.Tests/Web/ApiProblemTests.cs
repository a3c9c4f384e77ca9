using System.Text.Json;
using Circulation.Drafting;
using Circulation.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Circulation.Tests.Web;

/// <summary>The API's errors are RFC 9457 problem details, built in one place (<see cref="ApiResults"/>).</summary>
public sealed class ApiProblemTests
{
    private static async Task<(HttpResponse Response, JsonElement Body)> ExecuteAsync(IResult result, string path)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = path;
        context.TraceIdentifier = "request-17";
        var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    [Fact]
    public async Task Invalid_FieldErrors_AreAProblemWithTypeTitleStatusDetailAndErrorsMember()
    {
        var result = ApiResults.Invalid([new FieldError("subject", "Enter a subject."), new FieldError("signatory.name", "Enter the signatory's name.")]);

        var (response, body) = await ExecuteAsync(result, "/api/letters");

        Assert.Equal(StatusCodes.Status400BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("https://circulation.un.org/problems/invalid-fields", body.GetProperty("type").GetString());
        Assert.Equal("Some fields were not accepted", body.GetProperty("title").GetString());
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        Assert.Equal("The letter was not accepted. Enter a subject. Enter the signatory's name.", body.GetProperty("detail").GetString());
        Assert.Equal("/api/letters", body.GetProperty("instance").GetString());
        Assert.Equal("request-17", body.GetProperty("reference").GetString());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("signatory.name", errors[1].GetProperty("field").GetString());
        Assert.Equal("Enter the signatory's name.", errors[1].GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("error", out _), "The old \"error\" member is gone: clients read \"detail\".");
    }

    [Fact]
    public async Task Invalid_WithAnotherStatus_KeepsTheErrorsUnderThatStatusKind()
    {
        var result = ApiResults.Invalid([new FieldError("file", "The PDF is larger than 10 MB.")], "document", StatusCodes.Status413PayloadTooLarge);

        var (response, body) = await ExecuteAsync(result, "/api/documents");

        Assert.Equal(413, response.StatusCode);
        Assert.Equal(ProblemKind.TooLarge.Type, body.GetProperty("type").GetString());
        Assert.Equal("file", body.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("L20261125-103512-7K2QX9", "There is no letter L20261125-103512-7K2QX9.")]
    [InlineData("nonsense", "'nonsense' is not a letter id.")]
    public async Task NoSuchLetter_IsTheNoSuchLetterProblemInPlainWords(string id, string detail)
    {
        var (response, body) = await ExecuteAsync(ApiResults.NoSuchLetter(id), $"/api/letters/{id}");

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("https://circulation.un.org/problems/no-such-letter", body.GetProperty("type").GetString());
        Assert.Equal("No such letter", body.GetProperty("title").GetString());
        Assert.Equal(detail, body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Error_ByStatus_TakesThatStatusGeneralKind_AndAGivenReferenceIsKept()
    {
        var conflict = await ExecuteAsync(ApiResults.Error(StatusCodes.Status409Conflict, "Letter L1 is Signed."), "/api/letters/L1/submit");
        var unexpected = await ExecuteAsync(ApiResults.Problem(ProblemKind.Unexpected, "Something went wrong.", [new("reference", "abc123")]), "/api/letters");

        Assert.Equal(ProblemKind.Conflict.Type, conflict.Body.GetProperty("type").GetString());
        Assert.Equal("Letter L1 is Signed.", conflict.Body.GetProperty("detail").GetString());
        Assert.Equal(500, unexpected.Response.StatusCode);
        Assert.Equal("abc123", unexpected.Body.GetProperty("reference").GetString());
    }

    [Fact]
    public void Error_StatusWithoutAKind_IsRefusedRatherThanAnsweredUndocumented()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiResults.Error(StatusCodes.Status418ImATeapot, "Tea."));
    }

    [Fact]
    public void ProblemKinds_HaveDistinctAbsoluteTypeUris()
    {
        Assert.Equal(ProblemKind.All.Count, ProblemKind.All.Select(k => k.Type).Distinct(StringComparer.Ordinal).Count());
        Assert.All(ProblemKind.All, k => Assert.True(Uri.TryCreate(k.Type, UriKind.Absolute, out _), k.Type));
    }
}
