using Circulation.Archive;

namespace Circulation.Drafting;

/// <summary>Reads and writes the immutable versions of letters in the archive.</summary>
public sealed class LetterVersions
{
    private readonly LetterArchive archive;

    /// <summary>Creates the store over the archive.</summary>
    public LetterVersions(LetterArchive archive) => this.archive = archive;

    /// <summary>Archives <paramref name="draft"/> as <paramref name="version"/> (create-only).</summary>
    public Task<ArchivedFile> SaveAsync(string letterId, int version, LetterDraft draft, CancellationToken cancellationToken) =>
        this.archive.StoreAsync(letterId, ArchivePaths.VersionJson(version), ArchiveJson.ToBytes(draft), "application/json", cancellationToken);

    /// <summary>Reads a version; throws when it is missing, since the workflow only asks for versions it stored.</summary>
    public async Task<LetterDraft> LoadAsync(string letterId, int version, CancellationToken cancellationToken)
    {
        byte[] bytes = await this.archive.ReadAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken)
            ?? throw new InvalidOperationException($"Letter {letterId} has no version {version} in its archive.");
        return ArchiveJson.FromBytes<LetterDraft>(bytes);
    }
}
