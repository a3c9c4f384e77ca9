namespace Circulation.Rendering;

/// <summary>One line produced by <see cref="TextLineBreaker"/>.</summary>
/// <param name="Words">The words on the line, in order.</param>
/// <param name="Widths">The measured width of each word, in points.</param>
/// <param name="NaturalWidth">Width of the words set with single spaces.</param>
/// <param name="AvailableWidth">The width the line was broken for (the justified width).</param>
/// <param name="IsLast">True for the last line of the text (left-aligned when justifying).</param>
internal sealed record TextLine(
    IReadOnlyList<string> Words,
    IReadOnlyList<double> Widths,
    double NaturalWidth,
    double AvailableWidth,
    bool IsLast)
{
    /// <summary>The words joined with single spaces.</summary>
    public string Text => string.Join(' ', Words);
}
