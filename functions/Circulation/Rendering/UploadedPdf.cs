using System.Runtime.ExceptionServices;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Circulation.Rendering;

/// <summary>
/// Checks an uploaded PDF before it is stored: it must be a PDF, within <see cref="PdfLimits"/> (checked by a bounded
/// scan of its own before PDFsharp parses anything), readable, unencrypted, with at least one page, and its pages must
/// import into a new document (which is what rendering the package does later, so a document accepted here cannot
/// make a letter's rendering fail).
/// </summary>
public static class UploadedPdf
{
    private const int HeaderWindow = 1024;

    // PDFsharp also recurses through chains of indirect objects (a page tree as deep as the object cap allows), which
    // the nesting cap does not see: its parse runs on a thread whose stack such a chain cannot exhaust.
    private const int ReaderStackBytes = 256 * 1024 * 1024;

    /// <summary>Inspects <paramref name="pdf"/> within the default limits.</summary>
    public static PdfInspection Inspect(byte[] pdf) => Inspect(pdf, PdfLimits.Default);

    /// <summary>Inspects <paramref name="pdf"/> within <paramref name="limits"/>.</summary>
    public static PdfInspection Inspect(byte[] pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(limits);
        if (pdf.AsSpan(0, Math.Min(pdf.Length, HeaderWindow)).IndexOf("%PDF-"u8) < 0)
        {
            return new PdfInspection(0, "The file is not a PDF: it does not start with the %PDF- header.");
        }

        if (PdfStructureScan.Check(pdf, limits) is { } problem)
        {
            return new PdfInspection(0, problem);
        }

        return OnLargeStack(() => Read(pdf));
    }

    /// <summary>
    /// Checks that <paramref name="pdf"/> is within <paramref name="limits"/> before it is parsed; returns why not, or
    /// null. For documents stored before the limits existed, which the renderer checks again before importing them.
    /// </summary>
    public static string? CheckStructure(byte[] pdf, PdfLimits limits) => PdfStructureScan.Check(pdf, limits);

    private static PdfInspection Read(byte[] pdf)
    {
        try
        {
            using var source = PdfReader.Open(new MemoryStream(pdf, writable: false), PdfDocumentOpenMode.Import);
            if (source.SecurityHandler.Elements.ContainsKey("/Filter"))
            {
                return new PdfInspection(0, PdfStructureScan.EncryptedMessage);
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
            return new PdfInspection(0, "The PDF is encrypted (it needs a password to open). Upload a copy saved without a password.", ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new PdfInspection(
                0, "The PDF cannot be read: its structure is damaged. Upload a copy re-saved from a PDF reader or exported again.", $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    failure = ExceptionDispatchInfo.Capture(ex);
                }
            },
            ReaderStackBytes)
        { Name = "PDF inspection" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
