namespace Circulation.Rendering;

/// <summary>An enclosed letter, composed in the same form as the cover letter (usually without the letterhead).</summary>
/// <param name="Letter">The letter.</param>
public sealed record LetterEnclosure(LetterDocument Letter) : PackageEnclosure;
