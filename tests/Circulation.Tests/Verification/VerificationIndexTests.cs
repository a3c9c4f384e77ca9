using Azure.Data.Tables;
using Circulation.Drafting;
using Circulation.Signature;
using Circulation.Tests.TestSupport;
using Circulation.Verification;
using Xunit;

namespace Circulation.Tests.Verification;

/// <summary>The hash index on Azurite: a signed PDF is answered only once it is marked circulated, and a retried write changes nothing.</summary>
public sealed class VerificationIndexTests : IAsyncLifetime
{
    private readonly TableClient table = new(TestStack.StorageConnectionString, "verify" + Guid.NewGuid().ToString("N")[..20]);
    private readonly VerificationIndex index;

    public VerificationIndexTests() => this.index = new VerificationIndex(this.table);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            await this.table.DeleteAsync();
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The test made no table.
        }
    }

    [Fact]
    public async Task SignedPdf_IsNotAnsweredUntilCirculated_ThenAnsweredWithTheLetter()
    {
        var signature = Signature(Sha('a'));
        await this.index.RecordSignedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), CancellationToken.None);

        Assert.Null(await this.index.FindCirculatedAsync(signature.SignedPdfSha256, CancellationToken.None));

        var at = new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero);
        await this.index.MarkCirculatedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), "All Permanent Representatives", 193, at, CancellationToken.None);
        var found = await this.index.FindCirculatedAsync(signature.SignedPdfSha256, CancellationToken.None);

        Assert.Equal(
            new VerifiedLetter("L20261207-103512-7K2QX9", "Programme of work", new DateOnly(2026, 12, 7), "Amina Rahman", "President of the General Assembly",
                signature.SignedAt, "All Permanent Representatives", 193, at),
            found);
    }

    [Fact]
    public async Task RecordSignedAgain_AfterCirculation_LeavesTheLetterCirculated()
    {
        var signature = Signature(Sha('b'));
        var at = new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero);
        await this.index.RecordSignedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), CancellationToken.None);
        await this.index.MarkCirculatedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), "All Permanent Representatives", 193, at, CancellationToken.None);

        await this.index.RecordSignedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), CancellationToken.None);
        await this.index.MarkCirculatedAsync(signature, "Programme of work", new DateOnly(2026, 12, 7), "All Permanent Representatives", 193, at, CancellationToken.None);

        Assert.Equal(at, (await this.index.FindCirculatedAsync(signature.SignedPdfSha256, CancellationToken.None))?.CirculatedAt);
    }

    [Fact]
    public async Task UnknownHash_OrNoTableYet_IsNotAnswered()
    {
        Assert.Null(await this.index.FindCirculatedAsync(Sha('c'), CancellationToken.None));
        await this.index.EnsureCreatedAsync(CancellationToken.None);
        Assert.Null(await this.index.FindCirculatedAsync(Sha('c'), CancellationToken.None));
    }

    private static string Sha(char c) => new(c, 64);

    private static SignatureRecord Signature(string sha256) => new(
        "L20261207-103512-7K2QX9", 1, new Signatory("Amina Rahman", "President of the General Assembly", "president@un.example"),
        new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero), sha256, new DateOnly(2026, 12, 7));
}
