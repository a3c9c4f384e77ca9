namespace Circulation.Rendering;

/// <summary>
/// Renders a letter of the President of the General Assembly as an A4 PDF in the form of the real
/// letters: centred letterhead, date in words, "Excellency,", a justified body (bulleted items for lines
/// starting with "- "), the complimentary close, the signature block(s) and the addressee block at the
/// foot of the first page. Long letters continue on numbered pages. Unsigned drafts carry a grey
/// "DRAFT" line on every page and leave the signature space empty.
/// </summary>
/// <remarks>
/// Fonts are the Liberation Serif faces embedded in this assembly (see <see cref="LetterFonts"/>), so the
/// output does not depend on the machine. Instances hold no state and may be used from any thread.
/// </remarks>
public sealed class PdfLetterRenderer : ILetterRenderer
{
    /// <summary>Creates a renderer and makes sure the embedded fonts are installed.</summary>
    public PdfLetterRenderer()
    {
        LetterFonts.EnsureInstalled();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="document"/> is null.</exception>
    /// <exception cref="ArgumentException">A signature image of a signed letter is not a readable PNG.</exception>
    public byte[] Render(LetterDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        LetterFonts.EnsureInstalled();
        using var composer = new LetterComposer(document);
        return composer.Compose();
    }
}
