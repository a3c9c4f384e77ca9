using System.Globalization;
using Circulation.Rendering;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Circulation.Benchmarks.Rendering;

/// <summary>PDF documents made with PDFsharp to stand for uploaded enclosures (a programme, a long report).</summary>
internal static class SampleDocuments
{
    private const double Mm = 72 / 25.4;

    /// <summary>A two-page programme of a high-level meeting, as a Secretariat office would send it.</summary>
    public static byte[] Programme()
    {
        LetterFonts.EnsureInstalled();
        using var pdf = new PdfDocument();
        pdf.Info.Title = "Programme of the high-level meeting on antimicrobial resistance";
        var heading = new XFont("Liberation Serif", 14, XFontStyleEx.Bold);
        var bold = new XFont("Liberation Serif", 11, XFontStyleEx.Bold);
        var text = new XFont("Liberation Serif", 11, XFontStyleEx.Regular);
        (string Time, string Item)[][] days =
        [
            [
                ("10:00 - 10:30", "Opening segment: statements by the President of the General Assembly, the Secretary-General and the Director-General of the World Health Organization"),
                ("10:30 - 13:00", "Panel 1: Accelerating access to diagnostics and new antimicrobials"),
                ("13:00 - 15:00", "Break"),
                ("15:00 - 18:00", "Panel 2: Strengthening surveillance and the One Health approach"),
            ],
            [
                ("10:00 - 13:00", "Plenary segment: general debate (statements of up to five minutes)"),
                ("15:00 - 17:30", "Plenary segment, continued"),
                ("17:30 - 18:00", "Closing segment: adoption of the political declaration and closing remarks"),
            ],
        ];
        string[] dates = ["Thursday, 10 December 2026", "Friday, 11 December 2026"];
        for (int d = 0; d < days.Length; d++)
        {
            var page = pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            double y = 25 * Mm;
            gfx.DrawString("High-level meeting on antimicrobial resistance", heading, XBrushes.Black, new XRect(0, y, page.Width.Point, 20), XStringFormats.TopCenter);
            y += 10 * Mm;
            gfx.DrawString(string.Create(CultureInfo.InvariantCulture, $"Programme \u2014 day {d + 1}: {dates[d]}"), bold, XBrushes.Black, new XRect(0, y, page.Width.Point, 20), XStringFormats.TopCenter);
            y += 15 * Mm;
            foreach (var (time, item) in days[d])
            {
                gfx.DrawString(time, bold, XBrushes.Black, 25 * Mm, y, XStringFormats.TopLeft);
                var formatter = new PdfSharp.Drawing.Layout.XTextFormatter(gfx);
                var rect = new XRect(60 * Mm, y, page.Width.Point - (85 * Mm), 30 * Mm);
                formatter.DrawString(item, text, XBrushes.Black, rect, XStringFormats.TopLeft);
                gfx.DrawLine(XPens.LightGray, 25 * Mm, y + (16 * Mm), page.Width.Point - (25 * Mm), y + (16 * Mm));
                y += 20 * Mm;
            }

            gfx.DrawString("General Assembly Hall, United Nations Headquarters, New York", text, XBrushes.Black, new XRect(0, page.Height.Point - (25 * Mm), page.Width.Point, 20), XStringFormats.TopCenter);
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }

    /// <summary>A report of <paramref name="pages"/> pages of running text (a large uploaded enclosure).</summary>
    public static byte[] Report(int pages)
    {
        LetterFonts.EnsureInstalled();
        using var pdf = new PdfDocument();
        var font = new XFont("Liberation Serif", 11, XFontStyleEx.Regular);
        const string Sentence = "The report reviews the implementation of the resolutions on the revitalization of the work of the General Assembly. ";
        for (int p = 1; p <= pages; p++)
        {
            var page = pdf.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            using var gfx = XGraphics.FromPdfPage(page);
            var formatter = new PdfSharp.Drawing.Layout.XTextFormatter(gfx) { Alignment = PdfSharp.Drawing.Layout.XParagraphAlignment.Justify };
            var rect = new XRect(25 * Mm, 25 * Mm, page.Width.Point - (50 * Mm), page.Height.Point - (50 * Mm));
            formatter.DrawString(string.Concat(Enumerable.Repeat(Sentence, 40)), font, XBrushes.Black, rect, XStringFormats.TopLeft);
            gfx.DrawString(p.ToString(CultureInfo.InvariantCulture), font, XBrushes.Black, new XRect(0, page.Height.Point - (15 * Mm), page.Width.Point, 12), XStringFormats.TopCenter);
        }

        using var output = new MemoryStream();
        pdf.Save(output, false);
        return output.ToArray();
    }
}
