namespace Circulation.Rendering;

/// <summary>One line produced by <see cref="TextLineBreaker"/>.</summary>
/// <param name="Words">The words on the line, in order.</param>
/// <param name="NaturalWidth">Width of the words set with single spaces.</param>
/// <param name="AvailableWidth">The width the line was broken for (the justified width).</param>
/// <param name="SpaceWidth">The width of one space between its words (before justification).</param>
/// <param name="IsLast">True for the last line of a paragraph or a line ended by a forced break: such lines
/// are set with single spaces rather than justified.</param>
internal sealed record TextLine(IReadOnlyList<LineWord> Words, double NaturalWidth, double AvailableWidth, double SpaceWidth, bool IsLast)
{
    /// <summary>The words joined with single spaces.</summary>
    public string Text => string.Join(' ', this.Words.Select(w => w.Text));
}
