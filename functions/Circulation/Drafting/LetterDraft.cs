namespace Circulation.Drafting;

/// <summary>One version of a letter as the drafter wrote it; stored as JSON, never changed once stored.</summary>
/// <param name="Subject">The subject line (e-mail subject, PDF title).</param>
/// <param name="Date">The date printed on the letter; for a letter <see cref="DatedOnSigning"/>, the day it was written,
/// replaced by the signing day when it is signed (<see cref="AsSignedOn"/>).</param>
/// <param name="Body">The body in a small Markdown subset: paragraphs, bulleted and numbered lists, italic and bold.</param>
/// <param name="Signatory">Who signs.</param>
/// <param name="Approvers">Approvers' e-mail addresses, in the order they approve.</param>
/// <param name="DistributionList">The id of the mission list the letter goes to.</param>
/// <param name="Drafter">The drafter's e-mail address, told when the round ends.</param>
/// <param name="Enclosures">What follows the letter in the package, in order; null or empty for none (versions
/// stored before enclosures existed have none).</param>
public sealed record LetterDraft(
    string Subject,
    DateOnly Date,
    string Body,
    Signatory Signatory,
    IReadOnlyList<string> Approvers,
    string DistributionList,
    string Drafter,
    IReadOnlyList<Enclosure>? Enclosures = null)
{
    /// <summary>
    /// The drafter gave no date: the letter is dated on the day it is signed, in the Office's time zone. Its drafts and
    /// previews print "Dated on the day it is signed" instead of a date. (Versions stored before this member have a date.)
    /// </summary>
    public bool DatedOnSigning { get; init; }

    /// <summary>The letter as signed at <paramref name="signedAt"/>: a letter <see cref="DatedOnSigning"/> takes that day in <paramref name="officeZone"/>.</summary>
    public LetterDraft AsSignedOn(DateTimeOffset signedAt, TimeZoneInfo officeZone) =>
        this.DatedOnSigning ? this with { Date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(signedAt, officeZone).DateTime), DatedOnSigning = false } : this;
}
