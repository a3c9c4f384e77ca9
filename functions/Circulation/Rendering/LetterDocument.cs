namespace Circulation.Rendering;

/// <summary>Everything printed on a letter, already resolved (addressee lines, signature images).</summary>
/// <param name="LetterId">The letter's id, recorded in the PDF metadata.</param>
/// <param name="Version">The version number, recorded in the PDF metadata.</param>
/// <param name="Subject">The subject, used as the PDF title.</param>
/// <param name="Date">The date printed in words under the letterhead.</param>
/// <param name="Body">Paragraphs separated by blank lines.</param>
/// <param name="Signatories">One block per signatory, in order.</param>
/// <param name="AddresseeLines">The addressee block, e.g. "All Permanent Representatives ..." then "New York".</param>
/// <param name="Signed">False for drafts awaiting approval (marked as such, no signature image).</param>
public sealed record LetterDocument(
    string LetterId,
    int Version,
    string Subject,
    DateOnly Date,
    string Body,
    IReadOnlyList<SignatureBlock> Signatories,
    IReadOnlyList<string> AddresseeLines,
    bool Signed);
