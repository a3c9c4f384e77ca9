using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Circulation.Mail;

/// <summary>
/// The mailboxes' ledgers as blobs <c>pacing/{mailbox in lower case}.json</c> in the work container
/// (<see cref="Archive.StorageOptions.WorkContainerName"/>), written with If-Match on the ETag read, or If-None-Match: *
/// when creating; a 412 (409 on create, 404 when it was deleted meanwhile) means another host wrote first. Counts its round trips, to measure the cost
/// of pacing per message.
/// </summary>
public sealed class BlobMailboxLedgerStore : IMailboxLedgerStore
{
    /// <summary>The folder of the ledgers in the container.</summary>
    public const string Prefix = "pacing/";

    private readonly BlobContainerClient container;
    private long reads;
    private long writes;
    private long conflicts;

    /// <summary>Creates the store over <paramref name="container"/> (which must exist).</summary>
    public BlobMailboxLedgerStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        this.container = container;
    }

    /// <summary>Reads so far (each a round trip, found or not).</summary>
    public long Reads => Interlocked.Read(ref this.reads);

    /// <summary>Writes so far (each a round trip, conflicts included).</summary>
    public long Writes => Interlocked.Read(ref this.writes);

    /// <summary>Writes refused because another writer came first.</summary>
    public long Conflicts => Interlocked.Read(ref this.conflicts);

    /// <summary>The blob name of <paramref name="mailbox"/>'s ledger.</summary>
    public static string BlobName(string mailbox)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        return Prefix + mailbox.Trim().ToLowerInvariant() + ".json";
    }

    /// <inheritdoc/>
    public async Task<MailboxLedgerBlob?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref this.reads);
        try
        {
            var result = await this.container.GetBlobClient(BlobName(mailbox)).DownloadContentAsync(cancellationToken);
            return new MailboxLedgerBlob(result.Value.Content, result.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public async Task<string?> TryWriteAsync(string mailbox, BinaryData content, string? etag, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref this.writes);
        var options = new BlobUploadOptions
        {
            Conditions = etag is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = new ETag(etag) },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            var result = await this.container.GetBlobClient(BlobName(mailbox)).UploadAsync(content, options, cancellationToken);
            return result.Value.ETag.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
        {
            Interlocked.Increment(ref this.conflicts);
            return null;
        }
    }
}
