using Circulation.Distribution;
using Circulation.Domain;
using Circulation.Signature;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Archive;

/// <summary>Activity: writes the letter's manifest once the letter can change no more (create-only).</summary>
public sealed class WriteManifest : TaskActivity<LetterProgress, ArchivedFile>
{
    private readonly LetterArchive archive;
    private readonly DeliveryRecords deliveries;
    private readonly TimeProvider clock;

    /// <summary>Creates the activity.</summary>
    public WriteManifest(LetterArchive archive, DeliveryRecords deliveries, TimeProvider clock)
    {
        this.archive = archive;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /// <inheritdoc/>
    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, LetterProgress input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var existing = await this.archive.FindAsync(input.LetterId, ArchivePaths.Manifest, CancellationToken.None);
        if (existing is not null)
        {
            return existing;
        }

        var files = (await this.archive.ListAsync(input.LetterId, CancellationToken.None)).Where(f => f.Name != ArchivePaths.Manifest).ToList();
        var deliveries = (await this.deliveries.ListAsync(input.LetterId, CancellationToken.None))
            .Where(a => a.Key == DeliveryRecords.FirstAttempt)
            .OrderBy(a => a.MissionId, StringComparer.Ordinal)
            .Select(DeliveryRecords.ToOutcome)
            .ToList();
        // The signature record says which rendition the signed PDF was rendered from, the signed PDF's hash, and the certificate.
        var signature = await this.archive.ReadAsync(input.LetterId, ArchivePaths.Signature(input.Version), CancellationToken.None) is { } bytes
            ? ArchiveJson.FromBytes<SignatureRecord>(bytes)
            : null;
        var manifest = new LetterManifest(
            input.LetterId, input.Subject, input.Stage, input.Version, this.clock.GetUtcNow(), files, input.Approvals, input.SignedAt, input.Deliveries, deliveries,
            input.EarlierRounds, input.Actions, signature?.ApprovedRenditionSha256, signature?.SignedPdfSha256, signature?.SigningCertificateThumbprint);
        return await this.archive.StoreAsync(input.LetterId, ArchivePaths.Manifest, ArchiveJson.ToBytes(manifest), "application/json", CancellationToken.None);
    }
}
