using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Circulation.Rendering;

/// <summary>
/// Checks an uploaded PDF before it is stored: it must be a PDF, readable, unencrypted, with at least one
/// page, and its pages must import into a new document (which is what rendering the package does later, so
/// a document accepted here cannot make a letter's rendering fail).
/// </summary>
public static class UploadedPdf
{
    private const int HeaderWindow = 1024;

    /// <summary>Inspects <paramref name="pdf"/>.</summary>
    public static PdfInspection Inspect(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (pdf.AsSpan(0, Math.Min(pdf.Length, HeaderWindow)).IndexOf("%PDF-"u8) < 0)
        {
            return new PdfInspection(0, "The file is not a PDF: it does not start with the %PDF- header.");
        }

        try
        {
            using var source = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
            if (source.SecurityHandler.Elements.ContainsKey("/Filter"))
            {
                return new PdfInspection(0, "The PDF is encrypted (it has a password or restricted permissions). Upload a copy saved without security.");
            }

            if (source.PageCount == 0)
            {
                return new PdfInspection(0, "The PDF has no pages.");
            }

            using var trial = new PdfDocument();
            foreach (var page in source.Pages)
            {
                trial.AddPage(page);
            }

            trial.Save(Stream.Null, closeStream: false);
            return new PdfInspection(source.PageCount, null);
        }
        catch (PdfReaderException ex) when (ex.Message.Contains("password", StringComparison.OrdinalIgnoreCase))
        {
            return new PdfInspection(0, "The PDF is encrypted (it needs a password to open). Upload a copy saved without a password.");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PdfInspection(0, $"The PDF cannot be read ({ex.Message.TrimEnd('.')}). Upload a copy re-saved from a PDF reader or exported again.");
        }
    }
}
