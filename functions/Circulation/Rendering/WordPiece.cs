using PdfSharp.Drawing;

namespace Circulation.Rendering;

/// <summary>Part of a word in one font (a word changes font where emphasis starts or ends inside it).</summary>
/// <param name="Text">The characters.</param>
/// <param name="Font">The font they are set in.</param>
/// <param name="Width">Their measured width, in points.</param>
internal sealed record WordPiece(string Text, XFont Font, double Width);
