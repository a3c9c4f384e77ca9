namespace Circulation.Rendering;

/// <summary>The space left above a block of the body.</summary>
public enum BlockSpacing
{
    /// <summary>A blank line: between paragraphs, and after a list.</summary>
    Paragraph,

    /// <summary>Half a line: before a list that follows a paragraph, and between the items of a loose list.</summary>
    List,

    /// <summary>A third of a line: between the items of a tight list.</summary>
    ListItem,
}
