namespace Circulation.Drafting;

/// <summary>
/// A letter enclosed with the cover letter, e.g. one from the co-chairs of a process that the President
/// forwards: its own date, body, signatories and close, addressed like the cover letter.
/// </summary>
/// <param name="Date">The date printed on it (the cover letter's when the drafter gave none).</param>
/// <param name="Body">Its body, in the same Markdown subset as the cover letter's.</param>
/// <param name="Signatories">One to four people who signed it, in order.</param>
public sealed record EnclosedLetter(DateOnly Date, string Body, IReadOnlyList<EnclosureSignatory> Signatories) : Enclosure
{
    /// <summary>The "kind" of an enclosed letter in the JSON.</summary>
    public const string Kind = "letter";
}
