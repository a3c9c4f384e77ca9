namespace Circulation.Mail;

/// <summary>One version of a mailbox's ledger as stored: its JSON and its ETag.</summary>
/// <param name="Content">The ledger's JSON.</param>
/// <param name="ETag">The version, for the next conditional write.</param>
public sealed record MailboxLedgerBlob(BinaryData Content, string ETag);
