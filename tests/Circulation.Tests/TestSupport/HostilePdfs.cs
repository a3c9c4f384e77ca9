namespace Circulation.Tests.TestSupport;

/// <summary>PDFs with the content an attacker would enclose with a letter.</summary>
internal static class HostilePdfs
{
    /// <summary>The names that mark what can act or carry files: none may reach missions.</summary>
    public static readonly string[] InteractiveNames =
        ["/Annots", "/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/AcroForm", "/OpenAction", "/AA", "/URI", "/Widget", "/FileAttachment"];

    /// <summary>
    /// A one-page PDF with a web link, a JavaScript link, a launch action, an attached executable, a form field, a page
    /// action and an open action, and the same JavaScript in the document's name tree.
    /// </summary>
    public static byte[] Interactive()
    {
        var pdf = new RawPdf();
        pdf.Add(
            "<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /AcroForm << /Fields [9 0 R] >> "
            + "/Names << /EmbeddedFiles << /Names [(payload.exe) 8 0 R] >> /JavaScript << /Names [(init) 6 0 R] >> >> >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            + "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> "
            + "/Annots [5 0 R 7 0 R 9 0 R 10 0 R 11 0 R] /AA << /O 6 0 R >> >>");
        pdf.Add(RawPdf.Stream("", "BT /F1 14 Tf 72 770 Td (INTERACTIVE page 1) Tj ET"u8.ToArray()));
        pdf.Add("<< /Type /Annot /Subtype /Link /Rect [72 700 300 720] /A << /S /URI /URI (https://attacker.example/) >> >>");
        pdf.Add("<< /S /JavaScript /JS (app.alert\\('Circulated'\\);) >>");
        pdf.Add("<< /Type /Annot /Subtype /Link /Rect [72 660 300 680] /A 6 0 R >>");
        pdf.Add("<< /Type /Filespec /F (payload.exe) /EF << /F 12 0 R >> >>");
        pdf.Add("<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (x) /Rect [72 620 300 640] >>");
        pdf.Add("<< /Type /Annot /Subtype /Link /Rect [72 580 300 600] /A << /S /Launch /F (cmd.exe) >> >>");
        pdf.Add("<< /Type /Annot /Subtype /FileAttachment /Rect [72 540 100 560] /FS 8 0 R >>");
        pdf.Add(RawPdf.Stream("/Type /EmbeddedFile", "MZ not really a program"u8.ToArray()));
        return pdf.ToBytes();
    }

    /// <summary>The <see cref="InteractiveNames"/> that occur as names in <paramref name="pdf"/> (uncompressed objects).</summary>
    public static IReadOnlyList<string> InteractiveNamesIn(byte[] pdf)
    {
        string text = System.Text.Encoding.Latin1.GetString(pdf);
        return [.. InteractiveNames.Where(name => System.Text.RegularExpressions.Regex.IsMatch(text, System.Text.RegularExpressions.Regex.Escape(name) + "(?![A-Za-z0-9#])"))];
    }
}
