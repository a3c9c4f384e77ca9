using System.Security.Cryptography;
using System.Text;
using Circulation.Approval;
using Circulation.Domain;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Approval;

public sealed class LinkTokenServiceTests
{
    private const string Key = "test-signing-key-0123456789-abcdefghijklmnop";
    private const string OtherKey = "another-signing-key-9876543210-zyxwvutsrqpo";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(14);

    private readonly ManualTimeProvider clock = new(Now);

    private static LinkToken Token(
        LinkPurpose purpose = LinkPurpose.Approval, int step = 1, string actor = "second.approver@un.example", int version = 2) =>
        new("L20261125-103512-7K2QX9", version, purpose, step, actor, "0f8fad5bd9cb469fa16570867728950e", Expiry);

    private LinkTokenService Service(string key = Key) => new(Options.Create(new LinkOptions { SigningKey = key }), this.clock);

    private static string Flip(string value, int index)
    {
        char replacement = value[index] == 'A' ? 'B' : 'A';
        return string.Concat(value.AsSpan(0, index), replacement.ToString(), value.AsSpan(index + 1));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Fact]
    public void Check_IssuedToken_IsValidAndCarriesItsFields()
    {
        var service = this.Service();
        var issued = Token();

        var status = service.Check(service.Issue(issued), out var token);

        Assert.Equal(LinkTokenStatus.Valid, status);
        Assert.Equal(issued, token);
    }

    [Fact]
    public void Issue_Token_IsUrlSafe()
    {
        string value = this.Service().Issue(Token());

        Assert.Equal(value, Uri.EscapeDataString(value));
    }

    [Theory]
    [InlineData(LinkPurpose.Approval, 0, "first.approver@un.example", 1)]
    [InlineData(LinkPurpose.Approval, 9, "o'brien+pga@un.example", 3)]
    [InlineData(LinkPurpose.Signature, 0, "president@un.example", 12)]
    [InlineData(LinkPurpose.Approval, 1, "desk|approvals@un.example", 1)]
    public void Check_IssuedToken_RoundTripsPurposeStepActorAndVersion(LinkPurpose purpose, int step, string actor, int version)
    {
        var service = this.Service();

        var status = service.Check(service.Issue(Token(purpose, step, actor, version)), out var token);

        Assert.Equal(LinkTokenStatus.Valid, status);
        Assert.NotNull(token);
        Assert.Equal(purpose, token.Purpose);
        Assert.Equal(step, token.Step);
        Assert.Equal(actor, token.Actor);
        Assert.Equal(version, token.Version);
    }

    [Fact]
    public void Check_FlippedCharacterInPayload_IsTampered()
    {
        var service = this.Service();
        string value = service.Issue(Token());

        var status = service.Check(Flip(value, 10), out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
    }

    [Fact]
    public void Check_SignatureCutShort_IsMalformed()
    {
        var service = this.Service();
        string value = service.Issue(Token());

        Assert.Equal(LinkTokenStatus.Malformed, service.Check(value[..^6], out _));
    }

    [Fact]
    public void Check_FlippedCharacterInSignature_IsTampered()
    {
        var service = this.Service();
        string value = service.Issue(Token());
        int signatureStart = value.IndexOf('.', StringComparison.Ordinal) + 1;

        var status = service.Check(Flip(value, signatureStart + 10), out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
    }

    [Fact]
    public void Check_PayloadRaisedToAnotherStep_IsTampered()
    {
        var service = this.Service();
        string value = service.Issue(Token(step: 0));
        string signature = value[(value.IndexOf('.', StringComparison.Ordinal) + 1)..];
        string otherPayload = service.Issue(Token(step: 1)).Split('.')[0];

        var status = service.Check($"{otherPayload}.{signature}", out _);

        Assert.Equal(LinkTokenStatus.Tampered, status);
    }

    [Fact]
    public void Check_TokenSignedWithAnotherKey_IsTampered()
    {
        string foreign = this.Service(OtherKey).Issue(Token());

        var status = this.Service().Check(foreign, out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-dot-at-all")]
    [InlineData(".c2lnbmF0dXJl")]
    [InlineData("!!!.???")]
    [InlineData("%%%%.%%%%")]
    [InlineData("abcde.abcde")]
    public void Check_Malformed_IsMalformed(string? value)
    {
        var status = this.Service().Check(value, out var token);

        Assert.Equal(LinkTokenStatus.Malformed, status);
        Assert.Null(token);
    }

    [Fact]
    public void Check_TooLong_IsMalformed()
    {
        var service = this.Service();
        string value = service.Issue(Token(actor: new string('a', 2000) + "@un.example"));

        Assert.True(value.Length > 2048);
        Assert.Equal(LinkTokenStatus.Malformed, service.Check(value, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void Check_GenuinelySignedButWrongShape_IsMalformed()
    {
        byte[] payload = Encoding.UTF8.GetBytes("c1|only|three");
        string value = $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), payload))}";

        Assert.Equal(LinkTokenStatus.Malformed, this.Service().Check(value, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void Check_AtExpiry_IsExpiredAndStillSaysWhichLink()
    {
        var service = this.Service();
        var issued = Token();
        string value = service.Issue(issued);
        this.clock.SetUtcNow(Expiry);

        var status = service.Check(value, out var token);

        Assert.Equal(LinkTokenStatus.Expired, status);
        Assert.Equal(issued, token);
    }

    [Fact]
    public void Check_LongAfterExpiry_IsExpired()
    {
        var service = this.Service();
        string value = service.Issue(Token());
        this.clock.SetUtcNow(Expiry.AddDays(30));

        Assert.Equal(LinkTokenStatus.Expired, service.Check(value, out _));
    }

    [Fact]
    public void Check_OneSecondBeforeExpiry_IsValid()
    {
        var service = this.Service();
        string value = service.Issue(Token());
        this.clock.SetUtcNow(Expiry.AddSeconds(-1));

        Assert.Equal(LinkTokenStatus.Valid, service.Check(value, out _));
    }

    [Fact]
    public void Check_ExpiredTokenWithFlippedSignature_IsTamperedNotExpired()
    {
        var service = this.Service();
        string value = service.Issue(Token());
        int signatureStart = value.IndexOf('.', StringComparison.Ordinal) + 1;
        this.clock.SetUtcNow(Expiry.AddDays(1));

        Assert.Equal(LinkTokenStatus.Tampered, service.Check(Flip(value, signatureStart + 3), out _));
    }
}
