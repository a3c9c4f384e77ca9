using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Rendering;

/// <summary>
/// The fonts and brushes letters are set with, created once per process (after <see cref="LetterFonts"/>
/// installed the font resolver) and shared by every render: XFont and brush instances are immutable.
/// </summary>
internal sealed class LetterFontSet
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly Lazy<LetterFontSet> SharedInstance = new(() =>
    {
        LetterFonts.EnsureInstalled();
        return new LetterFontSet();
    });

    private readonly XFont italic = NewFont(12, XFontStyleEx.Italic);
    private readonly XFont bold = NewFont(12, XFontStyleEx.Bold);
    private readonly XFont boldItalic = NewFont(12, XFontStyleEx.BoldItalic);

    private LetterFontSet()
    {
    }

    /// <summary>The one set.</summary>
    public static LetterFontSet Shared => SharedInstance.Value;

    /// <summary>Body text, 12 pt regular.</summary>
    public XFont Body { get; } = NewFont(12, XFontStyleEx.Regular);

    /// <summary>"THE PRESIDENT", "GENERAL ASSEMBLY".</summary>
    public XFont Letterhead { get; } = NewFont(13, XFontStyleEx.Bold);

    /// <summary>"OF THE".</summary>
    public XFont LetterheadSmall { get; } = NewFont(9, XFontStyleEx.Bold);

    /// <summary>Signatories' title lines.</summary>
    public XFont Title { get; } = NewFont(10, XFontStyleEx.Regular);

    /// <summary>The enclosure note under the signatures.</summary>
    public XFont Note { get; } = NewFont(11, XFontStyleEx.Regular);

    /// <summary>The grey draft mark.</summary>
    public XFont Draft { get; } = NewFont(9, XFontStyleEx.Italic);

    /// <summary>Page numbers.</summary>
    public XFont PageNumber { get; } = NewFont(10, XFontStyleEx.Regular);

    /// <summary>Black text.</summary>
    public XBrush Ink { get; } = new XSolidBrush(XColor.FromArgb(0, 0, 0));

    /// <summary>The draft mark's grey.</summary>
    public XBrush Grey { get; } = new XSolidBrush(XColor.FromArgb(128, 128, 128));

    /// <summary>The body font for a style of emphasis.</summary>
    public XFont BodyIn(TextStyle style) => style switch
    {
        TextStyle.Italic => this.italic,
        TextStyle.Bold => this.bold,
        TextStyle.Bold | TextStyle.Italic => this.boldItalic,
        _ => this.Body,
    };

    private static XFont NewFont(double size, XFontStyleEx style) => new(LetterFonts.FamilyName, size, style, Unicode);
}
