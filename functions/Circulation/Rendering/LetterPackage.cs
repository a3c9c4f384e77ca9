namespace Circulation.Rendering;

/// <summary>What missions receive as one PDF: the cover letter, then each enclosure in order.</summary>
/// <param name="Cover">The President's letter; its subject, id and version are the PDF's metadata.</param>
/// <param name="Enclosures">Enclosed letters and documents, in order.</param>
public sealed record LetterPackage(LetterDocument Cover, IReadOnlyList<PackageEnclosure> Enclosures);
