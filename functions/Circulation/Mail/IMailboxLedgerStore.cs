namespace Circulation.Mail;

/// <summary>
/// Where the sending mailboxes' pacing ledgers live, shared by every host: one small document per mailbox, changed only
/// with optimistic concurrency (the version read must still be the current one). <see cref="BlobMailboxLedgerStore"/>
/// keeps them in the work container.
/// </summary>
public interface IMailboxLedgerStore
{
    /// <summary>The mailbox's ledger and its version, or null when it has none yet.</summary>
    Task<MailboxLedgerBlob?> ReadAsync(string mailbox, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the mailbox's ledger if its version is still <paramref name="etag"/> (null: creates it if there is none);
    /// returns the new version, or null when another writer came first (re-read, then try again).
    /// </summary>
    Task<string?> TryWriteAsync(string mailbox, BinaryData content, string? etag, CancellationToken cancellationToken);
}
