using System.Globalization;
using System.Text.RegularExpressions;
using Circulation.Archive;

namespace Circulation.Drafting;

/// <summary>
/// Reads and writes the immutable versions of letters in the archive, and the records of their submission. A version
/// number is taken by creating its JSON, create-only, so two saves can never store the same number twice.
/// </summary>
public sealed partial class LetterVersions
{
    private readonly LetterArchive archive;

    /// <summary>Creates the store over the archive.</summary>
    public LetterVersions(LetterArchive archive) => this.archive = archive;

    /// <summary>Archives <paramref name="draft"/> as <paramref name="version"/> (create-only).</summary>
    public Task<ArchivedFile> SaveAsync(string letterId, int version, LetterDraft draft, CancellationToken cancellationToken) =>
        this.archive.StoreAsync(letterId, ArchivePaths.VersionJson(version), ArchiveJson.ToBytes(draft), "application/json", cancellationToken);

    /// <summary>
    /// Archives a new version: its JSON (which takes the number), then its PDF. Returns false, having stored nothing,
    /// when a different version with that number already exists.
    /// </summary>
    public async Task<bool> TryCreateAsync(string letterId, int version, LetterDraft draft, byte[] pdf, CancellationToken cancellationToken)
    {
        try
        {
            await this.SaveAsync(letterId, version, draft, cancellationToken);
        }
        catch (ArchiveConflictException)
        {
            return false;
        }

        try
        {
            await this.archive.StoreAsync(letterId, ArchivePaths.VersionPdf(version), pdf, "application/pdf", cancellationToken);
        }
        catch (ArchiveConflictException)
        {
            // An identical save of the same version won the race and archived its own rendering of the same JSON.
        }

        return true;
    }

    /// <summary>Removes a version created by <see cref="TryCreateAsync"/> whose save was then refused.</summary>
    public async Task DiscardAsync(string letterId, int version, CancellationToken cancellationToken)
    {
        await this.archive.ReleaseClaimAsync(letterId, ArchivePaths.VersionPdf(version), cancellationToken);
        await this.archive.ReleaseClaimAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken);
    }

    /// <summary>Reads a version; throws when it is missing, since the workflow only asks for versions it stored.</summary>
    public async Task<LetterDraft> LoadAsync(string letterId, int version, CancellationToken cancellationToken)
    {
        byte[] bytes = await this.archive.ReadAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken)
            ?? throw new InvalidOperationException($"Letter {letterId} has no version {version} in its archive.");
        return ArchiveJson.FromBytes<LetterDraft>(bytes);
    }

    /// <summary>Reads a version, or returns null when it is missing.</summary>
    public async Task<LetterDraft?> TryLoadAsync(string letterId, int version, CancellationToken cancellationToken)
    {
        byte[]? bytes = await this.archive.ReadAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken);
        return bytes is null ? null : ArchiveJson.FromBytes<LetterDraft>(bytes);
    }

    /// <summary>A version's archived JSON as stored, or null.</summary>
    public Task<byte[]?> ReadJsonAsync(string letterId, int version, CancellationToken cancellationToken) =>
        this.archive.ReadAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken);

    /// <summary>A version's unsigned PDF, or null.</summary>
    public Task<byte[]?> ReadPdfAsync(string letterId, int version, CancellationToken cancellationToken) =>
        this.archive.ReadAsync(letterId, ArchivePaths.VersionPdf(version), cancellationToken);

    /// <summary>Every archived version of the letter, oldest first.</summary>
    public async Task<IReadOnlyList<StoredVersion>> ListAsync(string letterId, CancellationToken cancellationToken)
    {
        var files = (await this.archive.ListAsync(letterId, ArchivePaths.VersionsFolder, cancellationToken))
            .Concat(await this.archive.ListAsync(letterId, ArchivePaths.SubmissionsFolder, cancellationToken))
            .ToList();
        var byName = files.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var versions = new List<StoredVersion>();
        foreach (var file in files)
        {
            var match = VersionJsonName().Match(file.Name);
            if (match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                versions.Add(new StoredVersion(
                    version, file, byName.GetValueOrDefault(ArchivePaths.VersionPdf(version)), byName.ContainsKey(ArchivePaths.Submission(version))));
            }
        }

        versions.Sort((a, b) => a.Version.CompareTo(b.Version));
        return versions;
    }

    /// <summary>The newest version's number, or 0 when the letter has none.</summary>
    public async Task<int> LatestAsync(string letterId, CancellationToken cancellationToken)
    {
        var versions = await this.ListAsync(letterId, cancellationToken);
        return versions.Count == 0 ? 0 : versions[^1].Version;
    }

    /// <summary>True when <paramref name="version"/> exists.</summary>
    public Task<bool> ExistsAsync(string letterId, int version, CancellationToken cancellationToken) =>
        this.archive.ExistsAsync(letterId, ArchivePaths.VersionJson(version), cancellationToken);

    /// <summary>Records once that <paramref name="version"/> was submitted for approval; false when it already was.</summary>
    public Task<bool> TryClaimSubmissionAsync(string letterId, int version, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The claim id makes two simultaneous submissions differ, so exactly one of them creates the record.
        var record = new { LetterId = letterId, Version = version, SubmittedAt = at, Claim = Guid.NewGuid().ToString("N") };
        return this.archive.TryClaimAsync(letterId, ArchivePaths.Submission(version), ArchiveJson.ToBytes(record), cancellationToken);
    }

    /// <summary>Removes a submission record whose submission could not be carried out.</summary>
    public Task ReleaseSubmissionAsync(string letterId, int version, CancellationToken cancellationToken) =>
        this.archive.ReleaseClaimAsync(letterId, ArchivePaths.Submission(version), cancellationToken);

    /// <summary>True when <paramref name="version"/> was submitted for approval.</summary>
    public Task<bool> IsSubmittedAsync(string letterId, int version, CancellationToken cancellationToken) =>
        this.archive.ExistsAsync(letterId, ArchivePaths.Submission(version), cancellationToken);

    [GeneratedRegex(@"^versions/v([0-9]{3,6})\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionJsonName();
}
