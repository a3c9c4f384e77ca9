namespace Circulation.Rendering;

/// <summary>A paragraph of a letter's body: a top-level paragraph or a paragraph of a list item.</summary>
/// <param name="Spans">Its text, in styled runs.</param>
/// <param name="ListLevel">0 outside lists; 1 for an item of a top-level list, 2 and 3 for nested lists.</param>
/// <param name="Marker">The bullet or number ("•", "2.") on an item's first paragraph; null otherwise.</param>
/// <param name="SpaceBefore">The space above it (none is left at the top of a page).</param>
public sealed record BodyBlock(IReadOnlyList<TextSpan> Spans, int ListLevel, string? Marker, BlockSpacing SpaceBefore);
