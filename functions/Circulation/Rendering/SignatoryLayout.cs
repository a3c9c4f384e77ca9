namespace Circulation.Rendering;

/// <summary>A signatory's block measured for one column: signature mark, name and title lines.</summary>
/// <param name="Signatory">The signatory.</param>
/// <param name="ImageWidth">Width of the signature image box, in points.</param>
/// <param name="ImageHeight">Height of the signature image box (left empty on drafts), in points.</param>
/// <param name="MarkHeight">Height of what stands above the name: the image box, or "(Signed)".</param>
/// <param name="PrintsSignedMark">True when "(Signed)" stands in for an image.</param>
/// <param name="NameLines">The typed name, broken to the column width.</param>
/// <param name="TitleLines">The title line(s), broken to the column width.</param>
/// <param name="TextHeight">Height of the name and title lines with the gap above them, in points.</param>
internal sealed record SignatoryLayout(
    SignatureBlock Signatory,
    double ImageWidth,
    double ImageHeight,
    double MarkHeight,
    bool PrintsSignedMark,
    IReadOnlyList<TextLine> NameLines,
    IReadOnlyList<TextLine> TitleLines,
    double TextHeight);
