namespace Circulation.Drafting;

/// <summary>A run of words with the same <see cref="DiffKind"/>.</summary>
/// <param name="Kind">Same, removed or added.</param>
/// <param name="Text">The words, separated by single spaces.</param>
public sealed record DiffSegment(DiffKind Kind, string Text);
