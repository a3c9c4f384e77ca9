namespace Circulation.Archive;

/// <summary>A file kept in a letter's archive.</summary>
/// <param name="Name">Path inside the letter's folder, e.g. "versions/v001.pdf".</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="StoredAt">When it was written.</param>
public sealed record ArchivedFile(string Name, long Size, string Sha256, string ContentType, DateTimeOffset StoredAt);
