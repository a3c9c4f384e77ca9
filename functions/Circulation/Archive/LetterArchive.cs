using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Circulation.Archive;

/// <summary>
/// A letter's files in blob storage, one folder per letter id (and one shared folder of uploaded documents,
/// <see cref="ArchivePaths.DocumentsFolder"/>, passed where a letter id goes). Writes are create-only: a file
/// once archived is never overwritten, and a retried write of the same content is a no-op. Working state
/// (<see cref="ArchivePaths.IsWorkingState"/>) goes to the working container, everything else to the archive
/// container, which in Azure is write-once (WORM); callers see one folder per letter either way.
/// </summary>
public sealed partial class LetterArchive
{
    private const string Sha256Key = "sha256";
    private readonly BlobContainerClient container;
    private readonly BlobContainerClient work;
    private readonly ILogger<LetterArchive> logger;

    /// <summary>Creates the archive over the archive container <paramref name="container"/> and the working container <paramref name="work"/>.</summary>
    public LetterArchive(BlobContainerClient container, BlobContainerClient work, ILogger<LetterArchive> logger)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(work);
        if (container.Name == work.Name)
        {
            throw new ArgumentException($"The archive and the working state need two containers; both are '{container.Name}'.", nameof(work));
        }

        this.container = container;
        this.work = work;
        this.logger = logger;
    }

    /// <summary>Creates both containers if they do not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await this.container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await this.work.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Checks that storage answers; throws otherwise.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        await this.container.GetPropertiesAsync(cancellationToken: cancellationToken);
        await this.work.GetPropertiesAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Stores <paramref name="content"/> create-only and returns what was stored.</summary>
    /// <exception cref="ArchiveConflictException">A different file already has that name.</exception>
    public async Task<ArchivedFile> StoreAsync(string letterId, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(content.Span));
        var blob = this.Blob(letterId, name);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, ContentHash = MD5.HashData(content.Span) },
            Metadata = new Dictionary<string, string> { [Sha256Key] = sha256 },
        };

        try
        {
            var response = await blob.UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
            return new ArchivedFile(name, content.Length, sha256, contentType, response.Value.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            existing.Value.Metadata.TryGetValue(Sha256Key, out string? existingHash);
            if (!string.Equals(existingHash, sha256, StringComparison.Ordinal))
            {
                throw new ArchiveConflictException($"Archive folder {letterId} already has a different '{name}'; archived files are never overwritten.", ex);
            }

            this.LogAlreadyArchived(letterId, name);
            return new ArchivedFile(name, existing.Value.ContentLength, sha256, contentType, existing.Value.LastModified);
        }
    }

    /// <summary>
    /// Records once that something happened (e.g. a link was used). Returns false when it was already
    /// recorded, whatever the content: the first writer wins.
    /// </summary>
    public async Task<bool> TryClaimAsync(string letterId, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            await this.StoreAsync(letterId, name, content, "application/json", cancellationToken);
            return true;
        }
        catch (ArchiveConflictException)
        {
            return false;
        }
    }

    /// <summary>Removes a claim made by <see cref="TryClaimAsync"/> when the action it guarded could not be carried out.</summary>
    public Task ReleaseClaimAsync(string letterId, string name, CancellationToken cancellationToken) =>
        this.Blob(letterId, name).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Reads a file, or returns null when it does not exist.</summary>
    public async Task<byte[]?> ReadAsync(string letterId, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await this.Blob(letterId, name).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Describes one file, or returns null when it does not exist.</summary>
    public async Task<ArchivedFile?> FindAsync(string letterId, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await this.Blob(letterId, name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            properties.Metadata.TryGetValue(Sha256Key, out string? sha256);
            return new ArchivedFile(name, properties.ContentLength, sha256 ?? "", properties.ContentType, properties.LastModified);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>True when the file exists.</summary>
    public async Task<bool> ExistsAsync(string letterId, string name, CancellationToken cancellationToken) =>
        (await this.Blob(letterId, name).ExistsAsync(cancellationToken)).Value;

    /// <summary>Lists a letter's files with size and SHA-256, by name.</summary>
    public Task<IReadOnlyList<ArchivedFile>> ListAsync(string letterId, CancellationToken cancellationToken) =>
        this.ListAsync(letterId, "", cancellationToken);

    /// <summary>Lists a letter's files whose names start with <paramref name="folder"/> (e.g. "versions/"), by name.</summary>
    public async Task<IReadOnlyList<ArchivedFile>> ListAsync(string letterId, string folder, CancellationToken cancellationToken)
    {
        string prefix = letterId + "/";
        var files = new List<ArchivedFile>();
        BlobContainerClient[] containers = folder.Length == 0 ? [this.container, this.work]
            : [ArchivePaths.IsWorkingState(letterId, folder) ? this.work : this.container];
        foreach (var source in containers)
        {
            await foreach (var item in source.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix + folder, cancellationToken))
            {
                item.Metadata.TryGetValue(Sha256Key, out string? sha256);
                files.Add(new ArchivedFile(
                    item.Name[prefix.Length..],
                    item.Properties.ContentLength ?? 0,
                    sha256 ?? "",
                    item.Properties.ContentType ?? "application/octet-stream",
                    item.Properties.LastModified ?? DateTimeOffset.MinValue));
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return files;
    }

    private static string BlobName(string letterId, string name) => $"{letterId}/{name}";

    private BlobClient Blob(string letterId, string name) =>
        (ArchivePaths.IsWorkingState(letterId, name) ? this.work : this.container).GetBlobClient(BlobName(letterId, name));

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Name} was already archived with the same content")]
    private partial void LogAlreadyArchived(string letterId, string name);
}
