using Circulation.Drafting;
using Circulation.Signature;

namespace Circulation.Rendering;

/// <summary>
/// Renders the one PDF a letter version is circulated as: the cover letter, then each enclosure in order.
/// The draft (approvers, preview) and the signed letter (missions) both come from here.
/// </summary>
public sealed class LetterPdfService
{
    private readonly LetterDocumentFactory factory;
    private readonly ILetterRenderer renderer;
    private readonly SignatureImages images;
    private readonly UploadedDocuments documents;

    /// <summary>Creates the service.</summary>
    public LetterPdfService(LetterDocumentFactory factory, ILetterRenderer renderer, SignatureImages images, UploadedDocuments documents)
    {
        this.factory = factory;
        this.renderer = renderer;
        this.images = images;
        this.documents = documents;
    }

    /// <summary>
    /// Renders <paramref name="draft"/>. Unsigned: marked as a draft, the cover signature space left empty.
    /// Signed: with the cover signatory's handwritten signature.
    /// </summary>
    /// <exception cref="InvalidOperationException">An enclosed document is not in storage (the letter API
    /// refuses such letters, so this means the archive lost it).</exception>
    public async Task<byte[]> RenderAsync(string letterId, int version, LetterDraft draft, bool signed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        // Only the signed letter carries a handwritten signature: the cover signatory's, after their own signed-in
        // signature. Drafts and previews never do, and enclosed letters (signed outside Circulation) print "(Signed)".
        byte[]? coverImage = signed ? this.images.Get(draft.Signatory.Email) : null;
        var enclosedDocuments = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var document in (draft.Enclosures ?? []).OfType<EnclosedDocument>())
        {
            if (!enclosedDocuments.ContainsKey(document.DocumentId))
            {
                enclosedDocuments[document.DocumentId] = await this.documents.ReadAsync(document.DocumentId, cancellationToken)
                    ?? throw new InvalidOperationException($"Letter {letterId} encloses document {document.DocumentId}, which is not in the archive.");
            }
        }

        var package = this.factory.CreatePackage(letterId, version, draft, coverImage, new Dictionary<string, byte[]>(), enclosedDocuments);
        return this.renderer.Render(package);
    }
}
