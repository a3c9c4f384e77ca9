namespace Circulation.Drafting;

/// <summary>An uploaded PDF (POST /api/documents) enclosed with the letter; its pages follow in the package.</summary>
/// <param name="DocumentId">The id POST /api/documents returned (the SHA-256 of its bytes).</param>
/// <param name="Title">What it is, e.g. "Programme of the meeting"; listed under the cover letter's close.</param>
public sealed record EnclosedDocument(string DocumentId, string Title) : Enclosure
{
    /// <summary>The "kind" of an uploaded document in the JSON.</summary>
    public const string Kind = "document";
}
