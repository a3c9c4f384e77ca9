namespace Circulation.Rendering;

/// <summary>A letter body parsed from its Markdown: the blocks to print and what it used that letters may not.</summary>
/// <param name="Blocks">Paragraphs and list item paragraphs, in order.</param>
/// <param name="Problems">Constructs outside the allowed subset, in order; empty for a body that can be printed.</param>
/// <param name="Unreadable">
/// Why the body could not be read as Markdown at all (too many marks, or nesting deeper than the parser allows), as
/// the end of a sentence that starts with the field's name; null when it was read. An unreadable body's one block
/// is its source text, printed as it was written.
/// </param>
public sealed record LetterBody(IReadOnlyList<BodyBlock> Blocks, IReadOnlyList<MarkdownProblem> Problems, string? Unreadable = null)
{
    /// <summary>The printed text of every block (for the script check), blocks separated by line feeds.</summary>
    public string PlainText => string.Join('\n', this.Blocks.Select(b => (b.Marker is null ? "" : b.Marker + " ") + string.Concat(b.Spans.Select(s => s.Text))));
}
