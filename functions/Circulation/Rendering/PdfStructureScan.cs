using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace Circulation.Rendering;

/// <summary>
/// A bounded check of an uploaded PDF's structure, run before PDFsharp parses it: one linear pass over the raw bytes
/// (and over each object stream, which it decompresses itself under a cap) that refuses a file nesting arrays and
/// dictionaries deeper than <see cref="PdfLimits.MaxNestingDepth"/>, expanding to more than
/// <see cref="PdfLimits.MaxDecompressedBytes"/>, with more than <see cref="PdfLimits.MaxObjects"/> objects or
/// <see cref="PdfLimits.MaxPages"/> pages, or taking longer than <see cref="PdfLimits.MaxInspectionTime"/>.
/// </summary>
/// <remarks>
/// PDFsharp's parser recurses once per nesting level, and a stack overflow ends the process (it cannot be caught), so
/// the depth must be known before it runs. The depth counted here is clamped at zero and never reset, so at every
/// byte it is at least the depth a parser starting anywhere earlier would have reached. That bound holds only where
/// the parser reads the bytes the way this pass does, which is why every offset the reader seeks to (cross-reference
/// entries, startxref, /Prev, /XRefStm, object-stream offsets) must land outside the regions this pass did not read as
/// structure (stream data, strings, comments): a cross-reference entry pointing into a stream's data could otherwise
/// hide objects from this pass.
/// </remarks>
internal sealed partial class PdfStructureScan
{
    /// <summary>What the uploader is told about an encrypted PDF.</summary>
    public const string EncryptedMessage = "The PDF is encrypted (it has a password or restricted permissions). Upload a copy saved without security.";

    private const string SaveAgain = "save it again from the program that made it";
    private const int ChunkBytes = 64 * 1024;
    private const int MaxArrayItemsKept = 4096;
    private const int MaxNameBytes = 127;

    private static readonly HashSet<string> KeptKeys = new(StringComparer.Ordinal)
    {
        "Type", "Subtype", "Filter", "DecodeParms", "Predictor", "Columns", "N", "First", "W", "Index", "Size", "Prev", "XRefStm", "Encrypt",
    };

    private readonly PdfLimits limits;
    private readonly long deadline;
    private readonly List<StreamData> streams = [];
    private readonly List<long> seekTargets = [];
    private long decompressed;
    private int objects;
    private int entries;
    private int pages;
    private bool encrypted;

    private PdfStructureScan(PdfLimits limits)
    {
        this.limits = limits;
        this.deadline = Stopwatch.GetTimestamp() + (long)(limits.MaxInspectionTime.TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>Checks <paramref name="pdf"/>; returns why it is refused, in words for the uploader, or null when PDFsharp may read it.</summary>
    public static string? Check(byte[] pdf, PdfLimits limits)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(limits);
        var scan = new PdfStructureScan(limits);
        try
        {
            scan.Run(pdf);
            return null;
        }
        catch (RefusedException refused)
        {
            return refused.Message;
        }
    }

    private void Run(byte[] pdf)
    {
        var opaque = new BitArray(pdf.Length);
        new Pass(this, pdf, pdf.Length, opaque, topLevel: true).Tokenize();
        if (this.encrypted)
        {
            throw new RefusedException(EncryptedMessage);
        }

        foreach (var stream in this.streams)
        {
            this.ReadStream(pdf, stream);
        }

        foreach (long target in this.seekTargets)
        {
            if (target >= 0 && target < pdf.Length && opaque[(int)target])
            {
                throw new RefusedException($"The PDF's cross-reference table points into the middle of its data, which a well-formed PDF never does; {SaveAgain}.");
            }
        }
    }

    private void CountObjects(long count)
    {
        this.objects = (int)Math.Min(int.MaxValue, this.objects + count);
        if (this.objects > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }
    }

    private void CountEntry()
    {
        if (++this.entries > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }
    }

    private RefusedException TooManyObjects() =>
        new(string.Create(CultureInfo.InvariantCulture, $"The PDF has more than {this.limits.MaxObjects:N0} objects, which letters never need; {SaveAgain}."));

    private void CountPage()
    {
        if (++this.pages > this.limits.MaxPages)
        {
            throw new RefusedException(string.Create(
                CultureInfo.InvariantCulture, $"The PDF has more than {this.limits.MaxPages:N0} pages, the most an enclosure may have; split it or shorten it."));
        }
    }

    private void TrailerFound(DictionaryValue trailer)
    {
        this.encrypted |= trailer.Get("Encrypt") is not null;
        if (Integer(trailer.Get("Size")) > this.limits.MaxObjects)
        {
            throw this.TooManyObjects();
        }

        foreach (string key in (string[])["Prev", "XRefStm"])
        {
            if (Integer(trailer.Get(key)) is { } offset)
            {
                this.seekTargets.Add(offset);
            }
        }
    }

    private void CheckTime(int step)
    {
        if ((step & 0xFF) == 0 && Stopwatch.GetTimestamp() > this.deadline)
        {
            throw new RefusedException(string.Create(
                CultureInfo.InvariantCulture,
                $"The PDF took longer than {this.limits.MaxInspectionTime.TotalSeconds:0.#} seconds to check, which letters never need; {SaveAgain}."));
        }
    }

    private RefusedException TooDeep() =>
        new(string.Create(CultureInfo.InvariantCulture, $"The PDF nests its structures deeper than {this.limits.MaxNestingDepth} levels, which letters never need; {SaveAgain}."));

    private static RefusedException Unreadable(string why) =>
        new($"The PDF cannot be read ({why}). Upload a copy re-saved from a PDF reader or exported again.");

    private static string Size(long bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} bytes");

    /// <summary>Why the PDF is refused, thrown from anywhere in the scan and caught in <see cref="Check"/>.</summary>
    private sealed class RefusedException(string message) : Exception(message);
}
