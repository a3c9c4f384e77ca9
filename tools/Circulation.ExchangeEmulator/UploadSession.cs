namespace Circulation.ExchangeEmulator;

/// <summary>An attachment upload session: the bytes received so far, in order.</summary>
public sealed class UploadSession
{
    /// <summary>The session's id (part of its upload URL).</summary>
    public required string Id { get; init; }

    /// <summary>The mailbox of the message.</summary>
    public required string Mailbox { get; init; }

    /// <summary>The message the attachment goes to.</summary>
    public required string MessageId { get; init; }

    /// <summary>The attachment's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its MIME type.</summary>
    public required string ContentType { get; init; }

    /// <summary>Its declared size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>When the session stops accepting bytes.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The bytes received so far.</summary>
    public MemoryStream Received { get; } = new();
}
