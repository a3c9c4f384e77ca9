using PdfSharp.Drawing;

namespace Circulation.Rendering;

// The signature block: one signatory or several, side by side or stacked, each with their handwritten signature above
// the typed name and title.
internal sealed partial class LetterComposer
{
    /// <summary>
    /// One signatory signs in the right half. Several sign two to a row, side by side, when every name fits
    /// on one line of a half-width column and no title needs more than three lines there; otherwise they
    /// are stacked in the right half. An odd last one of a side-by-side layout is centred.
    /// </summary>
    private List<List<(SignatoryLayout Layout, double X, double Width)>> LayoutSignatureRows(IReadOnlyList<SignatureBlock> signatories)
    {
        var rows = new List<List<(SignatoryLayout, double, double)>>();
        var halfWidth = (TextWidth - ColumnGutter) / 2;
        if (signatories.Count > 1)
        {
            var columns = signatories.Select(s => LayoutSignatory(s, halfWidth)).ToList();
            if (columns.All(c => c.NameLines.Count <= 1 && c.TitleLines.Count <= MaxSideBySideTitleLines))
            {
                for (var i = 0; i < columns.Count; i += 2)
                {
                    rows.Add(i + 1 < columns.Count
                        ? [(columns[i], Left, halfWidth), (columns[i + 1], Left + halfWidth + ColumnGutter, halfWidth)]
                        : [(columns[i], Left + ((TextWidth - halfWidth) / 2), halfWidth)]);
                }

                return rows;
            }
        }

        var columnWidth = TextWidth / 2;
        foreach (var signatory in signatories)
        {
            rows.Add([(LayoutSignatory(signatory, columnWidth), Left + columnWidth, columnWidth)]);
        }

        return rows;
    }

    private SignatoryLayout LayoutSignatory(SignatureBlock signatory, double columnWidth)
    {
        var aspect = DefaultSignatureAspect;
        if (signatory.SignatureImage is { } image && PngSize.Read(image) is var (pixelWidth, pixelHeight))
        {
            aspect = (double)pixelWidth / pixelHeight;
        }

        var imageWidth = Math.Min(SignatureImageWidth, columnWidth);
        var imageHeight = imageWidth / aspect;
        if (imageHeight > MaxSignatureImageHeight)
        {
            imageHeight = MaxSignatureImageHeight;
            imageWidth = imageHeight * aspect;
        }

        // A signed letter prints the image, or "(Signed)" for a signatory without one; a draft leaves the
        // image's space empty, so the typed names sit where they will on the signed letter.
        var printsMark = letter.Signed && signatory.SignatureImage is null;
        var markHeight = printsMark ? 2 * lineHeight : imageHeight;
        var nameLines = Break(signatory.Name ?? string.Empty, fonts.Body, columnWidth, columnWidth);
        var titleLines = Break(signatory.Title ?? string.Empty, fonts.Title, columnWidth, columnWidth);
        var textHeight = (1 * Mm) + (nameLines.Count * lineHeight) + (titleLines.Count * fonts.Title.GetHeight());
        return new SignatoryLayout(signatory, imageWidth, imageHeight, markHeight, printsMark, nameLines, titleLines, textHeight);
    }

    private void DrawSignatory(SignatoryLayout layout, double x, double width, double top, double rowMarkHeight)
    {
        var markBottom = top + rowMarkHeight;
        if (layout.PrintsSignedMark)
        {
            var mark = Break(SignedMark, fonts.Body, width, width)[0];
            DrawCenteredIn(mark, x, width, markBottom - (1.5 * lineHeight));
        }
        else if (letter.Signed && layout.Signatory.SignatureImage is { Length: > 0 } png)
        {
            XImage image;
            try
            {
                image = SignatureImageCache.Get(png);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"The signature image of {layout.Signatory.Name} is not a readable PNG.", nameof(letter), ex);
            }

            Gfx.DrawImage(image, x + ((width - layout.ImageWidth) / 2), markBottom - layout.ImageHeight, layout.ImageWidth, layout.ImageHeight);
        }

        var lineTop = markBottom + (1 * Mm);
        foreach (var line in layout.NameLines)
        {
            DrawCenteredIn(line, x, width, lineTop);
            lineTop += lineHeight;
        }

        foreach (var line in layout.TitleLines)
        {
            DrawCenteredIn(line, x, width, lineTop);
            lineTop += fonts.Title.GetHeight();
        }
    }
}
