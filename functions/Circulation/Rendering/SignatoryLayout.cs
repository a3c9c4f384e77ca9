namespace Circulation.Rendering;

/// <summary>A signatory's block measured for one column: image box, name and title lines.</summary>
/// <param name="Signatory">The signatory.</param>
/// <param name="ImageWidth">Width of the signature image box, in points.</param>
/// <param name="ImageHeight">Height of the signature image box (left empty on drafts), in points.</param>
/// <param name="NameLines">The typed name, broken to the column width.</param>
/// <param name="TitleLines">The title line(s), broken to the column width.</param>
/// <param name="Height">Total height of the block, in points.</param>
internal sealed record SignatoryLayout(
    SignatureBlock Signatory,
    double ImageWidth,
    double ImageHeight,
    IReadOnlyList<TextLine> NameLines,
    IReadOnlyList<TextLine> TitleLines,
    double Height);
