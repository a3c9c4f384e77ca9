using Circulation.Drafting;
using Circulation.Office;
using Circulation.Signature;

namespace Circulation.Rendering;

/// <summary>
/// Renders the one PDF a letter version is circulated as: the cover letter, then each enclosure in order.
/// The draft (approvers, preview) and the signed letter (missions) both come from here, a stored version through
/// <see cref="RenderStoredAsync"/>.
/// </summary>
public sealed class LetterPdfService
{
    private readonly LetterDocumentFactory factory;
    private readonly ILetterRenderer renderer;
    private readonly SignatureImages images;
    private readonly UploadedDocuments documents;
    private readonly LetterVersions versions;
    private readonly OfficeClock office;

    /// <summary>Creates the service.</summary>
    public LetterPdfService(
        LetterDocumentFactory factory, ILetterRenderer renderer, SignatureImages images, UploadedDocuments documents, LetterVersions versions, OfficeClock office)
    {
        this.factory = factory;
        this.renderer = renderer;
        this.images = images;
        this.documents = documents;
        this.versions = versions;
        this.office = office;
    }

    /// <summary>
    /// Renders the stored <paramref name="version"/> of <paramref name="letterId"/>: as a draft, or, once signed at
    /// <paramref name="signedAt"/>, as the signed letter, dated on the signing day in the Office's time zone when it has no
    /// date, and in the name of <paramref name="signedBy"/> when the signatory was replaced in flight. Returns the letter
    /// as rendered and its PDF.
    /// </summary>
    public async Task<(LetterDraft Draft, byte[] Pdf)> RenderStoredAsync(
        string letterId, int version, DateTimeOffset? signedAt, Signatory? signedBy, CancellationToken cancellationToken)
    {
        var draft = await this.LoadStoredAsync(letterId, version, signedAt, signedBy, cancellationToken);
        return (draft, await this.RenderAsync(letterId, version, draft, signed: signedAt is not null, cancellationToken));
    }

    /// <summary>
    /// The stored <paramref name="version"/> of <paramref name="letterId"/> as <see cref="RenderStoredAsync"/> prints it: once
    /// signed at <paramref name="signedAt"/>, dated on the signing day when undated and in <paramref name="signedBy"/>'s name.
    /// </summary>
    public async Task<LetterDraft> LoadStoredAsync(
        string letterId, int version, DateTimeOffset? signedAt, Signatory? signedBy, CancellationToken cancellationToken)
    {
        var draft = await this.versions.LoadAsync(letterId, version, cancellationToken);
        if (signedAt is { } at)
        {
            draft = draft.AsSignedOn(at, this.office.TimeZone);
            draft = signedBy is { } signer ? draft with { Signatory = signer } : draft;
        }

        return draft;
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
