using System.Globalization;
using Circulation.Rendering;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Tests.TestSupport;

/// <summary>Small PDFs made with PDFsharp for enclosure and upload tests.</summary>
internal static class TestPdfs
{
    /// <summary>A PDF of <paramref name="pages"/> pages, each saying "<paramref name="marker"/> page N".</summary>
    public static byte[] Create(int pages, string marker, string? userPassword = null, string? ownerPassword = null)
    {
        LetterFonts.EnsureInstalled();
        using var pdf = new PdfDocument();
        var font = new XFont(LetterFonts.FamilyName, 14, XFontStyleEx.Regular);
        for (int p = 1; p <= pages; p++)
        {
            var page = pdf.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(string.Create(CultureInfo.InvariantCulture, $"{marker} page {p}"), font, XBrushes.Black, 72, 72, XStringFormats.TopLeft);
        }

        if (userPassword is not null)
        {
            pdf.SecuritySettings.UserPassword = userPassword;
        }

        if (ownerPassword is not null)
        {
            pdf.SecuritySettings.OwnerPassword = ownerPassword;
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }
}
