namespace Circulation.Drafting;

/// <summary>An uploaded PDF document, as POST /api/documents describes it and the archive keeps it.</summary>
/// <param name="Id">Its id: the lower-case hex SHA-256 of its bytes, so the same bytes always get the same id.</param>
/// <param name="Name">The file name given when it was first uploaded.</param>
/// <param name="Pages">Its page count.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of its bytes.</param>
public sealed record UploadedDocument(string Id, string Name, int Pages, long Size, string Sha256);
