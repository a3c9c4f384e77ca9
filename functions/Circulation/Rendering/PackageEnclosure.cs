namespace Circulation.Rendering;

/// <summary>One enclosure of a <see cref="LetterPackage"/>: a <see cref="LetterEnclosure"/> or a <see cref="DocumentEnclosure"/>.</summary>
public abstract record PackageEnclosure;
