namespace Circulation.Rendering;

/// <summary>A word to set on a line: one or more pieces, each in its own font, with no space between them.</summary>
/// <param name="Pieces">The pieces, in order.</param>
/// <param name="Width">The sum of the pieces' widths, in points.</param>
/// <param name="BreakAfter">True when a forced line break follows the word.</param>
internal sealed record LineWord(IReadOnlyList<WordPiece> Pieces, double Width, bool BreakAfter = false)
{
    /// <summary>The word's characters.</summary>
    public string Text => this.Pieces.Count == 1 ? this.Pieces[0].Text : string.Concat(this.Pieces.Select(p => p.Text));
}
