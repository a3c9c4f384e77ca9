namespace Circulation.ExchangeEmulator;

/// <summary>A message in an emulated mailbox: a draft, or sent (in Sent Items). Mutated only under its mailbox's lock.</summary>
public sealed class EmulatedMessage
{
    /// <summary>Graph id; immutable across folders (as with Prefer: IdType="ImmutableId").</summary>
    public required string Id { get; init; }

    /// <summary>The mailbox it lives in.</summary>
    public required string Mailbox { get; init; }

    /// <summary>"drafts" or "sentitems".</summary>
    public string Folder { get; set; } = "drafts";

    /// <summary>The RFC 5322 Message-ID, with angle brackets.</summary>
    public required string InternetMessageId { get; init; }

    /// <summary>Subject.</summary>
    public string Subject { get; set; } = "";

    /// <summary>"text" or "html".</summary>
    public string BodyContentType { get; set; } = "text";

    /// <summary>The body.</summary>
    public string BodyContent { get; set; } = "";

    /// <summary>To recipients (address, name).</summary>
    public List<(string Address, string Name)> To { get; } = [];

    /// <summary>Cc and Bcc recipients' addresses (they count against the limits).</summary>
    public List<string> OtherRecipients { get; } = [];

    /// <summary>Custom x- headers.</summary>
    public List<(string Name, string Value)> Headers { get; } = [];

    /// <summary>Attachments.</summary>
    public List<EmulatedAttachment> Attachments { get; } = [];

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was sent, or null for a draft.</summary>
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Every recipient address.</summary>
    public IEnumerable<string> AllRecipients => this.To.Select(t => t.Address).Concat(this.OtherRecipients);
}
