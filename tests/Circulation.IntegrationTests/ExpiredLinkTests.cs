using System.Globalization;
using System.Net;
using System.Text;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>Links on a host configured with Links__Lifetime=00:00:05.</summary>
[Collection(Collections.Expiry)]
public sealed class ExpiredLinkTests(ShortLinkHostFixture fixture)
{
    [Fact]
    public async Task ApprovalLinkPastItsLifetime_Returns410Expired_LetterIsExpired_AndTheDrafterIsTold()
    {
        var api = fixture.Api;
        string tag = TestLetters.NewTag("Exp");
        string subject = TestLetters.Subject(tag);
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));
        var link = await fixture.Mail.WaitForLinkAsync($"For approval: {subject}", TestLetters.Approver(tag, 1));

        var letter = await api.WaitForStageAsync(id, "Expired", TimeSpan.FromSeconds(90), completed: true);
        Assert.Contains("did not act before the link expired", letter.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, letter.GetProperty("approvals").GetArrayLength());

        // Durable timers may fire up to ~1 s early: make sure the token's own expiry has passed too.
        var expiresAt = ExpiryOf(link);
        Assert.InRange(expiresAt - letter.GetProperty("createdAt").GetDateTimeOffset(), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        await Poll.UntilAsync($"the link's expiry ({expiresAt:O}) to pass", TimeSpan.FromSeconds(30), () => Task.FromResult(DateTimeOffset.UtcNow > expiresAt.AddMilliseconds(200)));

        var page = await api.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, page.Status);
        Assert.Contains("This link has expired", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", page.Body, StringComparison.Ordinal);

        var post = await api.PostFormAsync("approve", ("token", CirculationClient.TokenOf(link)), ("decision", "Approve"), ("comment", ""));
        Assert.Equal(HttpStatusCode.Gone, post.Status);
        Assert.Contains("This link has expired", post.Body, StringComparison.Ordinal);

        var notice = await fixture.Mail.WaitForAsync($"Approval lapsed: {subject}", TestLetters.Drafter(tag));
        Assert.Contains("a link expired before anyone acted", await fixture.Mail.PlainTextAsync(notice.Id), StringComparison.Ordinal);

        var after = await api.GetLetterAsync(id);
        Assert.Equal("Expired", after.GetProperty("stage").GetString());
        Assert.Equal(0, after.GetProperty("approvals").GetArrayLength());
        Assert.DoesNotContain(await api.GetArchiveAsync(id), f => f.Name.StartsWith("links/", StringComparison.Ordinal));
        Assert.DoesNotContain(await fixture.Mail.ListAsync(tag), m => m.Subject.StartsWith("For signature:", StringComparison.Ordinal));
    }

    /// <summary>The expiry bound into a link's token (the payload's last field, Unix seconds).</summary>
    private static DateTimeOffset ExpiryOf(Uri link)
    {
        string token = CirculationClient.TokenOf(link);
        string payload = token[..token.IndexOf('.', StringComparison.Ordinal)].Replace('-', '+').Replace('_', '/');
        payload += (payload.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        string[] parts = Encoding.UTF8.GetString(Convert.FromBase64String(payload)).Split('|');
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[^1], CultureInfo.InvariantCulture));
    }
}
