namespace Circulation.Rendering;

/// <summary>A run of body text in one style. The text "\n" alone is a forced line break.</summary>
/// <param name="Text">The characters, as written (whitespace is collapsed when lines are broken).</param>
/// <param name="Style">Italic, bold, both or neither.</param>
public readonly record struct TextSpan(string Text, TextStyle Style)
{
    /// <summary>The forced line break of a Markdown hard break (a line ending in a backslash or two spaces).</summary>
    public static TextSpan LineBreak { get; } = new("\n", TextStyle.Regular);

    /// <summary>True for a forced line break.</summary>
    public bool IsLineBreak => this.Text == "\n";
}
