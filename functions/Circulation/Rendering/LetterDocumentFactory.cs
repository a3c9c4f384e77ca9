using Circulation.Drafting;
using Circulation.Missions;

namespace Circulation.Rendering;

/// <summary>Resolves a draft into what is printed: addressee lines from the list, signature blocks.</summary>
public sealed class LetterDocumentFactory
{
    private readonly MissionDirectory directory;

    /// <summary>Creates the factory.</summary>
    public LetterDocumentFactory(MissionDirectory directory) => this.directory = directory;

    /// <summary>The document for <paramref name="draft"/>; pass the signature image to sign it.</summary>
    public LetterDocument Create(string letterId, int version, LetterDraft draft, byte[]? signatureImage)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var addressees = this.directory.TryGetList(draft.DistributionList, out var list)
            ? list.AddresseeLines
            : throw new InvalidOperationException($"Unknown distribution list '{draft.DistributionList}'.");
        var signatory = new SignatureBlock(draft.Signatory.Name, draft.Signatory.Title, signatureImage);
        return new LetterDocument(letterId, version, draft.Subject, draft.Date, draft.Body, [signatory], addressees, signatureImage is not null);
    }
}
