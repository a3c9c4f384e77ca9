using System.Net;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// POST api/letters/{id}/retry-signature over HTTP on the real local stack: admins only, and only for a letter whose
/// digital signature failed; anything else is refused in words as a problem, and nothing reaches the workflow.
/// </summary>
[Collection(Collections.Links)]
public sealed class SignatureRetryApiTests(LinkHostFixture fixture)
{
    private CirculationClient Api => fixture.Api;

    private static string RetryPath(string id) => $"api/letters/{id}/retry-signature";

    [Fact]
    public async Task RetrySignature_ByTheDrafterWhoIsNotAnAdmin_Returns403()
    {
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(TestLetters.NewTag("RetryDrafter"), approvers: 1));

        var answer = await this.Api.As(TestPeople.Drafter).SendJsonAsync(HttpMethod.Post, RetryPath(id), "{}");

        Assert.True(answer.Status == HttpStatusCode.Forbidden, $"retry-signature answered {(int)answer.Status}: {answer.Body}");
        Assert.Equal(("application/problem+json", "https://circulation.un.org/problems/not-allowed"), (answer.ContentType, answer.Json.GetProperty("type").GetString()));
        Assert.Contains("only admins can do this", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False((await this.Api.GetLetterAsync(id)).GetProperty("actions").GetProperty("retrySignature").GetBoolean());
    }

    [Fact]
    public async Task RetrySignature_ByTheLettersApproverOrSignatoryOrAnotherDrafter_Returns403_AndReachesNoWorkflow()
    {
        string tag = TestLetters.NewTag("RetryOthers");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        await this.Api.WaitForStageAsync(id, "AwaitingApproval", TimeSpan.FromSeconds(60));

        foreach (string person in new[] { TestLetters.Approver(tag, 1), TestLetters.Signatory(tag), TestPeople.OtherDrafter })
        {
            var answer = await this.Api.As(person).SendJsonAsync(HttpMethod.Post, RetryPath(id), "{}");

            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"retry-signature by {person} answered {(int)answer.Status}: {answer.Body}");
            Assert.Equal("https://circulation.un.org/problems/not-allowed", answer.Json.GetProperty("type").GetString());
        }

        var letter = await this.Api.GetLetterAsync(id);
        Assert.Equal("AwaitingApproval", letter.GetProperty("stage").GetString());
        Assert.DoesNotContain(letter.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "SignatureRetried");
    }

    [Fact]
    public async Task RetrySignature_ByAnAdminWhileTheLetterAwaitsApproval_Returns409SayingThereIsNothingToRetry()
    {
        string tag = TestLetters.NewTag("RetryEarly");
        string id = await this.Api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        var admin = this.Api.As(TestPeople.Admin);

        var answer = await admin.SendJsonAsync(HttpMethod.Post, RetryPath(id), "{}");

        Assert.True(answer.Status == HttpStatusCode.Conflict, $"retry-signature answered {(int)answer.Status}: {answer.Body}");
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("digital signature has not failed, so there is nothing to retry.", answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var letter = await admin.GetLetterAsync(id);
        Assert.Equal("AwaitingApproval", letter.GetProperty("stage").GetString());
        Assert.False(letter.GetProperty("actions").GetProperty("retrySignature").GetBoolean());
    }

    [Fact]
    public async Task RetrySignature_ByAnAdminForAnUnknownLetter_Returns404()
    {
        var answer = await this.Api.As(TestPeople.Admin).SendJsonAsync(HttpMethod.Post, RetryPath("L20261202-140500-ZZZZZZ"), "{}");

        Assert.True(answer.Status == HttpStatusCode.NotFound, $"retry-signature answered {(int)answer.Status}: {answer.Body}");
        Assert.Equal(("application/problem+json", "https://circulation.un.org/problems/no-such-letter"), (answer.ContentType, answer.Json.GetProperty("type").GetString()));
    }
}
