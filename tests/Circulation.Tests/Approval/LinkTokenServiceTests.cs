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
    private static readonly string Key = RandomKey();
    private static readonly string OtherKey = RandomKey();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddDays(14);

    private readonly ManualTimeProvider clock = new(Now);

    private static readonly string Rendition = Convert.ToHexStringLower(SHA256.HashData("%PDF-1.7 version 2"u8));
    private static readonly string OtherRendition = Convert.ToHexStringLower(SHA256.HashData("%PDF-1.7 version 2, rendered again"u8));

    private static LinkToken Token(
        LinkPurpose purpose = LinkPurpose.Approval, int step = 1, string actor = "second.approver@un.example", int version = 2, string? rendition = null) =>
        new("L20261125-103512-7K2QX9", version, purpose, step, actor, "0f8fad5bd9cb469fa16570867728950e", Expiry, rendition ?? Rendition);

    private static string Signed(string payloadText)
    {
        byte[] payload = Encoding.UTF8.GetBytes(payloadText);
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(Convert.FromBase64String(Key), payload))}";
    }

    private static string RandomKey(int bytes = 32) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    private LinkTokenService Service(string? key = null) => this.Service("k1", ("k1", key ?? Key));

    private LinkTokenService Service(string activeKeyId, params (string Id, string Key)[] keys)
    {
        var options = new LinkOptions { ActiveKeyId = activeKeyId, PublicBaseUrl = "http://127.0.0.1:7071" };
        foreach (var (id, key) in keys)
        {
            options.SigningKeys[id] = key;
        }

        return new LinkTokenService(Options.Create(options), this.clock);
    }

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
    public void Check_IssuedToken_CarriesTheRenditionHashItWasIssuedWith()
    {
        var service = this.Service();

        var status = service.Check(service.Issue(Token(rendition: OtherRendition)), out var token);

        Assert.Equal(LinkTokenStatus.Valid, status);
        Assert.Equal(OtherRendition, token?.RenditionSha256);
    }

    [Fact]
    public void Check_TokenIssuedWithoutARendition_RoundTripsWithout()
    {
        var service = this.Service();
        var issued = Token() with { RenditionSha256 = null };

        Assert.Equal(LinkTokenStatus.Valid, service.Check(service.Issue(issued), out var token));
        Assert.Equal(issued, token);
    }

    [Fact]
    public void Check_PayloadNamingAnotherRendition_IsTampered()
    {
        var service = this.Service();
        string value = service.Issue(Token());
        string signature = value[(value.IndexOf('.', StringComparison.Ordinal) + 1)..];
        string otherPayload = service.Issue(Token(rendition: OtherRendition)).Split('.')[0];

        var status = service.Check($"{otherPayload}.{signature}", out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
    }

    [Theory]
    [InlineData("ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("abc")]
    [InlineData("zzzzzz0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    public void Check_GenuinelySignedWithARenditionThatIsNoSha256_IsMalformed(string rendition)
    {
        var status = this.Service().Check(Signed($"c3|k1|L1|2|Approval|0|a@un.example|id|{rendition}|{Expiry.ToUnixTimeSeconds()}"), out var token);

        Assert.Equal(LinkTokenStatus.Malformed, status);
        Assert.Null(token);
    }

    [Fact]
    public void Check_GenuinelySignedInTheFormatBeforeRenditions_IsTampered()
    {
        var status = this.Service().Check(Signed($"c2|k1|L1|2|Approval|0|a@un.example|id|{Expiry.ToUnixTimeSeconds()}"), out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
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
    public void Check_SignatureSpelledWithOtherUnusedBitsInItsLastCharacter_IsRefused()
    {
        var service = this.Service();
        string value = service.Issue(Token());

        // An HMAC-SHA256 is 32 bytes: 43 base64url characters whose last one carries two unused bits, so three other
        // characters decode to the very same bytes.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = Alphabet.IndexOf(value[^1], StringComparison.Ordinal);
        var twins = Enumerable.Range(0, 4).Select(bits => (last & ~3) | bits).Where(i => i != last).Select(i => value[..^1] + Alphabet[i]).ToList();

        Assert.Equal(3, twins.Count);
        Assert.All(twins, twin => Assert.NotEqual(LinkTokenStatus.Valid, service.Check(twin, out _)));
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
        Assert.Equal(LinkTokenStatus.Malformed, this.Service().Check(Signed("c3|k1|only|three"), out var token));
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

    [Fact]
    public void Check_TokenSignedByTheOldKey_VerifiesWhileBothAreListed_AndIsTamperedOnceTheOldIsRemoved()
    {
        string oldKey = RandomKey();
        string newKey = RandomKey();
        string signedByOld = this.Service("old", ("old", oldKey)).Issue(Token());
        var bothListed = this.Service("new", ("old", oldKey), ("new", newKey));
        var oldRemoved = this.Service("new", ("new", newKey));

        Assert.Equal(LinkTokenStatus.Valid, bothListed.Check(signedByOld, out var token));
        Assert.Equal(Token(), token);
        Assert.Equal(LinkTokenStatus.Tampered, oldRemoved.Check(signedByOld, out var afterRemoval));
        Assert.Null(afterRemoval);
    }

    [Fact]
    public void Issue_AfterTheActiveKeySwitched_SignsWithTheNewKey_WhichTheOldKeyAloneCannotVerify()
    {
        string oldKey = RandomKey();
        string newKey = RandomKey();
        string signedAfterSwitch = this.Service("new", ("old", oldKey), ("new", newKey)).Issue(Token());

        Assert.Equal(LinkTokenStatus.Valid, this.Service("new", ("new", newKey)).Check(signedAfterSwitch, out _));
        Assert.Equal(LinkTokenStatus.Tampered, this.Service("old", ("old", oldKey)).Check(signedAfterSwitch, out _));
    }

    [Fact]
    public void Check_TokenNamingAnUnknownKeyId_IsTampered()
    {
        string key = RandomKey();
        string signedByOther = this.Service("other", ("other", key)).Issue(Token());

        // Same key bytes under another id: the id in the token names no listed key.
        var status = this.Service("k1", ("k1", key)).Check(signedByOther, out var token);

        Assert.Equal(LinkTokenStatus.Tampered, status);
        Assert.Null(token);
    }

    [Theory]
    [InlineData("c3||x|1|Approval|0|a@un.example|id||1")]
    [InlineData("c3|not a key id!|x|1|Approval|0|a@un.example|id||1")]
    [InlineData("c3|k1")]
    [InlineData("c1|x|1|Approval|0|a@un.example|id|1")]
    public void Check_PayloadWithoutAUsableKeyIdOrInAnotherFormat_IsTampered_NotAnError(string payloadText)
    {
        byte[] payload = Encoding.UTF8.GetBytes(payloadText);
        string value = $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes("x"), payload))}";

        Assert.Equal(LinkTokenStatus.Tampered, this.Service().Check(value, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void Startup_PlaceholderFromTheSampleSettings_IsRefusedNamingTheKeyId()
    {
        string sample = File.ReadAllText(RepositoryFiles.PathOf("functions/Circulation.Functions/local.settings.sample.json"));
        var values = System.Text.Json.JsonDocument.Parse(sample).RootElement.GetProperty("Values");
        string placeholder = values.GetProperty("Links__SigningKeys__k1").GetString()!;

        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:SigningKeys:k1"] = placeholder });

        Assert.Equal(
            "Links:SigningKeys:k1 is still the placeholder: replace it with the base64 of at least 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).",
            failure);
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH!", "Links:SigningKeys:k1 is not base64: set it to the base64 of at least 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).")]
    [InlineData("workflow-tests-signing-key-0123456789abcdef", "Links:SigningKeys:k1 is not base64: set it to the base64 of at least 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "Links:SigningKeys:k1 is only 31 bytes long: a link-signing key must be at least 32 random bytes (base64).")]
    [InlineData("c2hvcnQta2V5", "Links:SigningKeys:k1 is only 9 bytes long: a link-signing key must be at least 32 random bytes (base64).")]
    [InlineData("please-replace-me-please-replace-me-please-replace-me", "Links:SigningKeys:k1 is still the placeholder: replace it with the base64 of at least 32 random bytes (e.g. `head -c 32 /dev/urandom | base64`).")]
    public void Startup_UnusableKey_IsRefusedWithAMessageNamingTheKeyIdButNotTheKey(string key, string expected)
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:SigningKeys:k1"] = key });

        Assert.Equal(expected, failure);
        Assert.DoesNotContain(key, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Startup_NoKeys_IsRefused()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:SigningKeys:k1"] = null, ["Links:ActiveKeyId"] = null });

        Assert.Equal(
            "Links:SigningKeys lists no key: add one as Links:SigningKeys:<keyId> (the base64 of at least 32 random bytes, e.g. from `head -c 32 /dev/urandom | base64`) and name it in Links:ActiveKeyId.",
            failure);
    }

    [Fact]
    public void Startup_ActiveKeyIdNotListed_IsRefusedNamingIt()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:ActiveKeyId"] = "k2" });

        Assert.Equal("Links:ActiveKeyId is 'k2', but Links:SigningKeys has no key 'k2' (it lists 'k1').", failure);
    }

    [Fact]
    public void Startup_ActiveKeyIdMissing_IsRefused()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:ActiveKeyId"] = null });

        Assert.Equal("Links:ActiveKeyId is not set: name the key in Links:SigningKeys that signs new links.", failure);
    }

    [Theory]
    [InlineData("key_1")]
    [InlineData("key.1")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Startup_KeyIdOfTheWrongShape_IsRefusedNamingIt(string keyId)
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?>
        {
            ["Links:SigningKeys:k1"] = null,
            [$"Links:SigningKeys:{keyId}"] = RandomKey(),
            ["Links:ActiveKeyId"] = keyId,
        });

        Assert.Equal($"Links:SigningKeys:{keyId} has an invalid key id: use 1 to 32 letters, digits or '-'.", failure);
    }

    [Fact]
    public void Startup_TheRetiredSingleKeySetting_IsRefusedSayingWhereTheKeyGoesNow()
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Links:SigningKey"] = RandomKey() });

        Assert.Equal(
            "Links:SigningKey is no longer read: put the key under Links:SigningKeys:<keyId> (for example Links:SigningKeys:k1) and name it in Links:ActiveKeyId.",
            failure);
    }

    [Fact]
    public void Startup_TwoGoodKeysOneActive_Starts()
    {
        Assert.Null(StartupValidation.Failure(new Dictionary<string, string?> { ["Links:SigningKeys:k0-old"] = RandomKey(48) }));
    }
}
