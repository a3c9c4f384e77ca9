using Circulation.Drafting;
using Circulation.Missions;

namespace Circulation.Rendering;

/// <summary>
/// Resolves a draft into what is printed: addressee lines from its distribution list, signature blocks,
/// the enclosure note under the cover letter's signature, and the enclosed letters and documents.
/// </summary>
public sealed class LetterDocumentFactory
{
    private readonly MissionDirectory directory;

    /// <summary>Creates the factory.</summary>
    public LetterDocumentFactory(MissionDirectory directory) => this.directory = directory;

    /// <summary>The cover letter of <paramref name="draft"/>; pass the signatory's image to sign it.</summary>
    public LetterDocument Create(string letterId, int version, LetterDraft draft, byte[]? signatureImage)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var signatory = new SignatureBlock(draft.Signatory.Name, draft.Signatory.Title, signatureImage);
        return new LetterDocument(
            letterId, version, draft.Subject, draft.Date, draft.Body, [signatory], this.AddresseeLines(draft), signatureImage is not null,
            Letterhead: true, EnclosureNote: EnclosureNote(draft.Enclosures), DatedOnSigning: draft.DatedOnSigning);
    }

    /// <summary>The whole package of <paramref name="draft"/>: the cover letter, then its enclosures in order.</summary>
    /// <param name="letterId">The letter's id (PDF metadata).</param>
    /// <param name="version">The version (PDF metadata and draft mark).</param>
    /// <param name="draft">The version's content.</param>
    /// <param name="signatureImage">The cover signatory's image once signed; null for the draft.</param>
    /// <param name="enclosedSignatureImages">Configured signature images of enclosed letters' signatories, by
    /// e-mail; a signatory without one gets "(Signed)".</param>
    /// <param name="documents">The bytes of every enclosed document, by document id.</param>
    /// <exception cref="InvalidOperationException">An enclosed document's bytes are missing.</exception>
    public LetterPackage CreatePackage(
        string letterId,
        int version,
        LetterDraft draft,
        byte[]? signatureImage,
        IReadOnlyDictionary<string, byte[]> enclosedSignatureImages,
        IReadOnlyDictionary<string, byte[]> documents)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(enclosedSignatureImages);
        ArgumentNullException.ThrowIfNull(documents);
        var cover = this.Create(letterId, version, draft, signatureImage);
        var enclosures = new List<PackageEnclosure>();
        foreach (var enclosure in draft.Enclosures ?? [])
        {
            switch (enclosure)
            {
                case EnclosedLetter letter:
                    var signatories = letter.Signatories
                        .Select(s => new SignatureBlock(s.Name, s.Title, s.Email is not null && enclosedSignatureImages.TryGetValue(s.Email, out var image) ? image : null))
                        .ToList();

                    // An enclosed letter was signed by its authors before it was enclosed: its signatures print
                    // on the draft as on the final package; the draft mark follows the package.
                    enclosures.Add(new LetterEnclosure(new LetterDocument(
                        letterId, version, draft.Subject, letter.Date, letter.Body, signatories, cover.AddresseeLines, Signed: true,
                        Letterhead: false, EnclosureNote: null, MarkAsDraft: cover.IsDraft)));
                    break;
                case EnclosedDocument document:
                    byte[] pdf = documents.TryGetValue(document.DocumentId, out var bytes)
                        ? bytes
                        : throw new InvalidOperationException($"Letter {letterId} encloses document {document.DocumentId}, whose bytes were not supplied.");
                    enclosures.Add(new DocumentEnclosure(document.Title, pdf));
                    break;
                default:
                    throw new InvalidOperationException($"Letter {letterId} has an enclosure of unknown kind {enclosure?.GetType().Name}.");
            }
        }

        return new LetterPackage(cover, enclosures);
    }

    /// <summary>
    /// The line under the cover letter's signature listing its enclosures, e.g. "Enclosures: Letter dated
    /// 20 November 2026 from A and B; Programme of the meeting"; null without enclosures.
    /// </summary>
    public static string? EnclosureNote(IReadOnlyList<Enclosure>? enclosures)
    {
        if (enclosures is null || enclosures.Count == 0)
        {
            return null;
        }

        var items = enclosures.Select(e => e switch
        {
            EnclosedLetter letter => $"Letter dated {LetterDateFormatter.Format(letter.Date)} from {JoinNames(letter.Signatories.Select(s => s.Name).ToList())}",
            EnclosedDocument document => document.Title,
            _ => "",
        });
        return (enclosures.Count == 1 ? "Enclosure: " : "Enclosures: ") + string.Join("; ", items);
    }

    private static string JoinNames(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    private IReadOnlyList<string> AddresseeLines(LetterDraft draft) =>
        this.directory.TryGetList(draft.DistributionList, out var list)
            ? list.AddresseeLines
            : throw new InvalidOperationException($"Unknown distribution list '{draft.DistributionList}'.");
}
