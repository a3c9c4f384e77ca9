using System.Collections.Concurrent;
using Circulation.Mail;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// Pacing ledgers in memory, with the blob store's optimistic concurrency (a write with a stale version is refused) and
/// its round trips counted; <see cref="Overwrite"/> plays another host writing.
/// </summary>
public sealed class InMemoryMailboxLedgerStore : IMailboxLedgerStore
{
    private readonly ConcurrentDictionary<string, MailboxLedgerBlob> blobs = new(StringComparer.OrdinalIgnoreCase);
    private long version;

    public int Reads { get; private set; }

    public int Writes { get; private set; }

    public int Conflicts { get; private set; }

    public string? Content(string mailbox) => this.blobs.TryGetValue(mailbox, out var blob) ? blob.Content.ToString() : null;

    /// <summary>Replaces the ledger as another host would, changing its version.</summary>
    public void Overwrite(string mailbox, string json) =>
        this.blobs[mailbox] = new MailboxLedgerBlob(BinaryData.FromString(json), Interlocked.Increment(ref this.version).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<MailboxLedgerBlob?> ReadAsync(string mailbox, CancellationToken cancellationToken)
    {
        lock (this.blobs)
        {
            this.Reads++;
            return Task.FromResult(this.blobs.TryGetValue(mailbox, out var blob) ? blob : null);
        }
    }

    public Task<string?> TryWriteAsync(string mailbox, BinaryData content, string? etag, CancellationToken cancellationToken)
    {
        lock (this.blobs)
        {
            this.Writes++;
            bool exists = this.blobs.TryGetValue(mailbox, out var current);
            if (etag is null ? exists : !exists || current!.ETag != etag)
            {
                this.Conflicts++;
                return Task.FromResult<string?>(null);
            }

            string next = Interlocked.Increment(ref this.version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            this.blobs[mailbox] = new MailboxLedgerBlob(content, next);
            return Task.FromResult<string?>(next);
        }
    }
}
