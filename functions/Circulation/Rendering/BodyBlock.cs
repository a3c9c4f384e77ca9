namespace Circulation.Rendering;

/// <summary>A paragraph or a bulleted list item of a letter's body, its lines already joined.</summary>
/// <param name="Text">The text with single spaces between words.</param>
/// <param name="IsBulletItem">True for a list item (a line that started with "- ").</param>
/// <param name="StartsParagraph">True for the first block of a blank-line separated paragraph.</param>
internal sealed record BodyBlock(string Text, bool IsBulletItem, bool StartsParagraph);
