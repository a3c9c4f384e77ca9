namespace Circulation.Rendering;

/// <summary>Everything printed on one letter, already resolved (addressee lines, signature images).</summary>
/// <param name="LetterId">The letter's id, recorded in the PDF metadata.</param>
/// <param name="Version">The version number, recorded in the PDF metadata and the draft mark.</param>
/// <param name="Subject">The subject, used as the PDF title.</param>
/// <param name="Date">The date printed in words at the top.</param>
/// <param name="Body">The body in the Markdown subset of <see cref="LetterMarkdown"/>.</param>
/// <param name="Signatories">One block per signatory, in order (several sign side by side or stacked).</param>
/// <param name="AddresseeLines">The addressee block, e.g. "All Permanent Representatives ..." then "New York".</param>
/// <param name="Signed">True to print the signatures: each signatory's image, or "(Signed)" when it has none.
/// False leaves the signature space empty.</param>
/// <param name="Letterhead">True for the President's letterhead; false for an enclosed letter from others.</param>
/// <param name="EnclosureNote">A line printed under the signatures listing the enclosures, or null.</param>
/// <param name="MarkAsDraft">Print the grey "DRAFT" line on every page; null means "when not signed".</param>
/// <param name="DatedOnSigning">The letter has no date yet (it is dated on the day it is signed): print
/// <see cref="UndatedText"/> where the date goes.</param>
public sealed record LetterDocument(
    string LetterId,
    int Version,
    string Subject,
    DateOnly Date,
    string Body,
    IReadOnlyList<SignatureBlock> Signatories,
    IReadOnlyList<string> AddresseeLines,
    bool Signed,
    bool Letterhead = true,
    string? EnclosureNote = null,
    bool? MarkAsDraft = null,
    bool DatedOnSigning = false)
{
    /// <summary>What an undated letter's drafts print where the date goes.</summary>
    public const string UndatedText = "Dated on the day it is signed";

    /// <summary>The date line: the date in words, or <see cref="UndatedText"/>.</summary>
    public string DateLine => this.DatedOnSigning ? UndatedText : LetterDateFormatter.Format(this.Date);

    /// <summary>Whether the pages carry the draft mark.</summary>
    public bool IsDraft => this.MarkAsDraft ?? !this.Signed;
}
