namespace Circulation.Rendering;

/// <summary>A Markdown construct a letter's body may not use.</summary>
/// <param name="Construct">What it is, e.g. "a heading" or "a link".</param>
/// <param name="Line">The 1-based line of the body where it starts.</param>
/// <param name="Hint">What to do instead, e.g. "write the address as plain text"; null when obvious.</param>
public sealed record MarkdownProblem(string Construct, int Line, string? Hint = null);
