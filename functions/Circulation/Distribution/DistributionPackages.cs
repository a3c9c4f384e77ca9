using Circulation.Archive;
using Circulation.Drafting;
using Microsoft.Extensions.Caching.Memory;

namespace Circulation.Distribution;

/// <summary>
/// Loads a letter's distribution package once per process instead of once per mission. Safe to cache:
/// the signed PDF and version JSON are archived create-only and never change.
/// </summary>
public sealed class DistributionPackages : IDisposable
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 128L * 1024 * 1024 });

    /// <summary>Creates the loader.</summary>
    public DistributionPackages(LetterVersions versions, LetterArchive archive)
    {
        this.versions = versions;
        this.archive = archive;
    }

    /// <inheritdoc/>
    public void Dispose() => this.cache.Dispose();

    /// <summary>The package of <paramref name="letterId"/>'s signed <paramref name="version"/>.</summary>
    public async Task<DistributionPackage> GetAsync(string letterId, int version, CancellationToken cancellationToken)
    {
        string key = $"distribution:{letterId}:{version}";
        if (this.cache.TryGetValue(key, out DistributionPackage? cached) && cached is not null)
        {
            return cached;
        }

        var draft = await this.versions.LoadAsync(letterId, version, cancellationToken);
        if (draft.DatedOnSigning
            && await this.archive.ReadAsync(letterId, ArchivePaths.Signature(version), cancellationToken) is { } record
            && ArchiveJson.FromBytes<Signature.SignatureRecord>(record).LetterDate is { } signedDate)
        {
            // The missions' cover text and the PDF's name carry the date the signed letter was given on signing.
            draft = draft with { Date = signedDate, DatedOnSigning = false };
        }

        byte[] pdf = await this.archive.ReadAsync(letterId, ArchivePaths.SignedPdf, cancellationToken)
            ?? throw new InvalidOperationException($"Letter {letterId} has no signed PDF to distribute.");
        var package = new DistributionPackage(draft, pdf);
        this.cache.Set(key, package, new MemoryCacheEntryOptions { SlidingExpiration = Keep, Size = pdf.Length });
        return package;
    }
}
