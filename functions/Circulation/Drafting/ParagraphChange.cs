namespace Circulation.Drafting;

/// <summary>One paragraph of the body that differs between two versions.</summary>
/// <param name="Before">Its 1-based number in the earlier version; null when it was added.</param>
/// <param name="After">Its 1-based number in the later version; null when it was removed.</param>
/// <param name="Segments">The paragraph's words, marked same, removed or added.</param>
public sealed record ParagraphChange(int? Before, int? After, IReadOnlyList<DiffSegment> Segments);
