using Azure.Storage.Blobs;
using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Signature;
using Circulation.Tests.TestSupport;
using Circulation.Tests.Workflow;
using Circulation.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Circulation.Tests.Signature;

/// <summary>
/// The signing activity after a crash: a retry never makes a second signed PDF, and the signature's record (which the
/// manifest and the missions' mails read: the approved rendition, the signed PDF's hash, the certificate, the date) is
/// never missing once the signed PDF is archived.
/// </summary>
public sealed class RenderSignedLetterCrashTests(CirculationWorkflowFixture host) : IClassFixture<CirculationWorkflowFixture>
{
    [Fact]
    public async Task CrashBetweenTheSignedPdfAndItsRecord_TheRetryKeepsTheArchivedPdf_AndWritesItsRecordWithItsHashAndCertificate()
    {
        string tag = Guid.NewGuid().ToString("N")[..10];
        string id = LetterId.New(DateTimeOffset.UtcNow);
        var draft = new LetterDraft(
            $"Crash test {tag}",
            DateOnly.FromDateTime(DateTime.UtcNow),
            "I have the honour to inform you that the informal consultations will resume in the coming weeks.",
            new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
            [$"approver.{tag}@un.example"],
            MissionDirectory.PermanentRepresentativesListId,
            $"drafter.{tag}@un.example") { DatedOnSigning = true };
        await host.Services.GetRequiredService<LetterVersions>().SaveAsync(id, 1, draft, CancellationToken.None);
        var input = new SigningRequest(id, 1, DateTimeOffset.UtcNow, ApprovedRenditionSha256: new string('a', 64));
        var signing = ActivatorUtilities.CreateInstance<RenderSignedLetter>(host.Services);
        var first = await signing.RunAsync(null!, input);
        byte[] record = (await host.Archive.ReadAsync(id, ArchivePaths.Signature(1), CancellationToken.None))!;

        // The process died after writing signed.pdf and before writing its record.
        var container = new BlobContainerClient(TestStack.StorageConnectionString, host.ContainerName);
        Assert.True((await container.DeleteBlobIfExistsAsync($"{id}/{ArchivePaths.Signature(1)}")).Value);

        var retried = await signing.RunAsync(null!, input);

        Assert.Equal(first.Sha256, retried.Sha256);
        var rewritten = await host.Archive.ReadAsync(id, ArchivePaths.Signature(1), CancellationToken.None);
        Assert.NotNull(rewritten);
        var was = ArchiveJson.FromBytes<SignatureRecord>(record);
        var now = ArchiveJson.FromBytes<SignatureRecord>(rewritten);
        using var certificate = TestSigning.SigningCertificate();
        Assert.Equal(
            (first.Sha256, certificate.Thumbprint, input.ApprovedRenditionSha256, was.LetterDate, was.Signatory, was.SignedAt),
            (now.SignedPdfSha256, now.SigningCertificateThumbprint, now.ApprovedRenditionSha256, now.LetterDate, now.Signatory, now.SignedAt));
        Assert.Equal(was, now);
    }
}
