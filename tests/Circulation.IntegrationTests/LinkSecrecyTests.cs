using System.Net;
using System.Security.Cryptography;
using Circulation.Approval;
using Circulation.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// Link tokens are bearer secrets: whatever is done with a link (opened, acted on, altered, expired), neither the token
/// nor the signing key appears in the host's log. Runs its own host, whose signing key the test knows.
/// </summary>
[Collection(Collections.Links)]
public sealed class LinkSecrecyTests(LinkHostFixture fixture)
{
    private const string KeyId = "secrecy";

    [Fact]
    public async Task GenuineTamperedAndExpiredLinks_NoTokenAndNoKeyInTheHostLog()
    {
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var host = new LocalHostProcess("secrecy", new Dictionary<string, string>
        {
            [$"Links__SigningKeys__{KeyId}"] = key,
            ["Links__ActiveKeyId"] = KeyId,
        });
        await host.StartAsync();
        using var api = new CirculationClient(host.BaseUrl);
        string tag = TestLetters.NewTag("Secret");
        string id = await api.CreateLetterAsync(TestLetters.Valid(tag, approvers: 1));

        // Genuine: opened, then acted on; the signatory's link that follows is opened too.
        var approve = await fixture.Mail.WaitForLinkAsync($"For approval: {TestLetters.Subject(tag)}", TestLetters.Approver(tag, 1));
        string genuine = CirculationClient.TokenOf(approve);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(approve)).Status);

        // Tampered: the signature altered, and a character appended. The character altered is the signature's second-to-last:
        // all six of its bits count, so the token stays canonical base64url and is refused as tampered, not as malformed (the
        // last character's two unused bits would make some changes read as malformed).
        string[] tampered = [string.Concat(genuine.AsSpan(0, genuine.Length - 2), genuine[^2] == 'A' ? "B" : "A", genuine.AsSpan(genuine.Length - 1)), genuine + "x"];
        foreach (string bad in tampered)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync($"approve?token={Uri.EscapeDataString(bad)}")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await api.PostFormAsync("approve", ("token", bad), ("decision", "Approve"), ("comment", ""))).Status);
        }

        // Expired: the same link, genuinely signed with the host's key, but with an expiry in the past.
        var service = new LinkTokenService(Options.Create(Keys(key)), TimeProvider.System);
        Assert.Equal(LinkTokenStatus.Valid, service.Check(genuine, out var token));
        string expired = service.Issue(token! with { ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.Equal(HttpStatusCode.Gone, (await api.GetAsync($"approve?token={Uri.EscapeDataString(expired)}")).Status);
        Assert.Equal(HttpStatusCode.Gone, (await api.PostFormAsync("approve", ("token", expired), ("decision", "Approve"), ("comment", ""))).Status);

        await api.ApproveAsync(approve);
        var sign = await fixture.Mail.WaitForLinkAsync($"For signature: {TestLetters.Subject(tag)}", TestLetters.Signatory(tag));
        string signature = CirculationClient.TokenOf(sign);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(sign)).Status);

        // The console logger writes in order: once a line logged after every request above is in the file, so is everything before it.
        string marker = await api.CreateLetterAsync(TestLetters.Valid(TestLetters.NewTag("Marker"), approvers: 1));
        string log = await Poll.UntilAsync($"the host to log the creation of letter {marker}", TimeSpan.FromSeconds(30), () =>
            Task.FromResult(ReadLog(host) is { } text && text.Contains(marker, StringComparison.Ordinal) ? text : null));

        // The log was live during the requests above: it holds their (token-free) lines.
        Assert.Contains("Refused a link: Tampered", log, StringComparison.Ordinal);
        Assert.Contains($"Letter {id}: Approval step 1 acted with Approve", log, StringComparison.Ordinal);
        string[] secrets = [genuine, .. genuine.Split('.'), .. tampered, expired, signature, .. signature.Split('.'), key];
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log, StringComparison.Ordinal));
    }

    private static LinkOptions Keys(string key)
    {
        var options = new LinkOptions { ActiveKeyId = KeyId };
        options.SigningKeys[KeyId] = key;
        return options;
    }

    private static string? ReadLog(LocalHostProcess host)
    {
        try
        {
            using var stream = new FileStream(host.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
