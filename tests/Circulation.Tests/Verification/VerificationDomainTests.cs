using System.Net;
using Circulation.Access;
using Circulation.Verification;
using Circulation.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Verification;

/// <summary>The verification's hash syntax, its answers in words and JSON, and the budget per client address.</summary>
public sealed class VerificationDomainTests
{
    private const string Hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static readonly VerifiedLetter Letter = new(
        "L20261207-103512-7K2QX9", "Revitalization of the work of the General Assembly", new DateOnly(2026, 12, 7), "Amina Rahman",
        "President of the General Assembly", new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), "All Permanent Representatives", 193,
        new DateTimeOffset(2026, 12, 7, 15, 5, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(Hash, Hash)]
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", Hash)]
    [InlineData("  " + Hash + "\n", Hash)]
    public void TryNormalize_64HexCharactersInAnyCase_GivesTheLowerCaseHash(string value, string expected)
    {
        Assert.True(Sha256Text.TryNormalize(value, out string? sha256));
        Assert.Equal(expected, sha256);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a088")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")]
    [InlineData("9f86d081 884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")]
    [InlineData("９f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void TryNormalize_AnythingElse_IsRefused(string? value) => Assert.False(Sha256Text.TryNormalize(value, out _));

    [Fact]
    public void Authentic_SaysWhichLetterWhoSignedItAndWhenAndToWhomItWasCirculated() =>
        Assert.Equal(
            "Authentic. This is the letter of 7 December 2026, 'Revitalization of the work of the General Assembly', signed by Amina Rahman, "
            + "President of the General Assembly, and circulated on 7 December 2026 to All Permanent Representatives (193 missions).",
            VerificationText.Authentic(Letter, TimeZoneInfo.Utc));

    [Fact]
    public void Authentic_CirculatedLateInTheEveningInNewYork_GivesTheOfficesDay() =>
        Assert.Contains(
            "circulated on 7 December 2026",
            VerificationText.Authentic(Letter with { CirculatedAt = new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero) }, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")),
            StringComparison.Ordinal);

    [Fact]
    public void Answer_NotAuthentic_HasNoLetterMember_AndAuthenticHasExactlyTheIssuesMembers()
    {
        string none = System.Text.Encoding.UTF8.GetString(Circulation.Archive.ArchiveJson.ToBytes(VerificationAnswer.For(null)));
        using var notAuthentic = System.Text.Json.JsonDocument.Parse(none);
        Assert.Equal(["authentic"], notAuthentic.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.False(notAuthentic.RootElement.GetProperty("authentic").GetBoolean());

        using var authentic = System.Text.Json.JsonDocument.Parse(Circulation.Archive.ArchiveJson.ToBytes(VerificationAnswer.For(Letter)));
        Assert.True(authentic.RootElement.GetProperty("authentic").GetBoolean());
        var letter = authentic.RootElement.GetProperty("letter");
        Assert.Equal(
            ["reference", "subject", "date", "signatory", "title", "signedAt", "distributionList", "missions", "circulatedAt"],
            letter.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-12-07", letter.GetProperty("date").GetString());
        Assert.Equal(193, letter.GetProperty("missions").GetInt32());
    }

    [Theory]
    [InlineData("203.0.113.9:50123", "203.0.113.9")]
    [InlineData("198.51.100.1, 203.0.113.9:50123", "203.0.113.9")]
    [InlineData("[2001:db8::7]:443", "2001:db8::7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    public void ClientAddress_BehindAppService_IsTheLastForwardedEntryWithoutItsPort(string forwardedFor, string expected) =>
        Assert.Equal(expected, VerificationBudget.ClientAddress(forwardedFor, IPAddress.Loopback, behindAppService: true));

    [Fact]
    public void ClientAddress_NotBehindAppService_IgnoresForwardedForWhichAClientCanWrite() =>
        Assert.Equal("127.0.0.1", VerificationBudget.ClientAddress("203.0.113.9", IPAddress.Loopback, behindAppService: false));

    [Fact]
    public void TryTake_BeyondTheBudget_IsRefusedWithAWait_WhileAnotherAddressIsServed()
    {
        using var budget = new VerificationBudget(
            Options.Create(new VerificationOptions { ChecksPerMinute = 3 }), Options.Create(new AuthOptions { Mode = AuthMode.OpenIdConnect }));
        var first = Request(IPAddress.Parse("192.0.2.1"));

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Null(budget.TryTake(first)));
        var wait = budget.TryTake(first);

        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(1));
        Assert.Null(budget.TryTake(Request(IPAddress.Parse("192.0.2.2"))));
    }

    private static HttpRequest Request(IPAddress address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        return context.Request;
    }
}
