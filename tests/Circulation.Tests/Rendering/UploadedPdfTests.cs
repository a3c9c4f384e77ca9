using System.Globalization;
using System.Text;
using Circulation.Rendering;
using Circulation.Tests.TestSupport;
using Xunit;

namespace Circulation.Tests.Rendering;

public sealed class UploadedPdfTests
{
    [Fact]
    public void Inspect_ReadablePdf_IsUsableWithItsPageCount()
    {
        var inspection = UploadedPdf.Inspect(TestPdfs.Create(3, "Programme"));

        Assert.True(inspection.IsUsable, inspection.Problem);
        Assert.Equal(3, inspection.Pages);
    }

    [Theory]
    [InlineData("Programme of the meeting, as plain text")]
    [InlineData("")]
    public void Inspect_NotAPdf_SaysSo(string content)
    {
        var inspection = UploadedPdf.Inspect(Encoding.UTF8.GetBytes(content));

        Assert.False(inspection.IsUsable);
        Assert.Contains("not a PDF", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TruncatedPdf_SaysItCannotBeRead()
    {
        var pdf = TestPdfs.Create(2, "Programme");

        var inspection = UploadedPdf.Inspect(pdf[..(pdf.Length / 2)]);

        Assert.False(inspection.IsUsable);
        Assert.Contains("cannot be read", inspection.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("open-sesame", "owner")]
    [InlineData(null, "owner")]
    public void Inspect_EncryptedPdf_SaysItIsEncrypted(string? userPassword, string ownerPassword)
    {
        var inspection = UploadedPdf.Inspect(TestPdfs.Create(1, "Secret", userPassword, ownerPassword));

        Assert.False(inspection.IsUsable);
        Assert.Contains("encrypted", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TwentyPageProgramme_IsUsable()
    {
        var inspection = UploadedPdf.Inspect(TestPdfs.Create(20, "Programme"));

        Assert.True(inspection.IsUsable, inspection.Problem);
        Assert.Equal(20, inspection.Pages);
    }

    [Fact]
    public void Inspect_PdfWithObjectAndCrossReferenceStreams_IsUsable()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.AddCompressed("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.AddCompressed("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /ProcSet [/PDF] >> >>");
        pdf.Add(RawPdf.Stream("/Filter /FlateDecode", RawPdf.Flate("BT ET"u8.ToArray())));

        var inspection = UploadedPdf.Inspect(pdf.ToBytes());

        Assert.True(inspection.IsUsable, inspection.Problem);
        Assert.Equal(1, inspection.Pages);
    }

    // Attack: one 40 KB file of nested arrays overflowed PDFsharp's recursive parser and ended the host process.
    [Fact]
    public void Inspect_TwentyThousandNestedArrays_IsRefusedBeforeAnyParserRecurses()
    {
        var pdf = RawPdf.OnePage();
        pdf.Add(new string('[', 20_000) + new string(']', 20_000));

        var inspection = UploadedPdf.Inspect(pdf.ToBytes());

        Assert.False(inspection.IsUsable);
        Assert.Equal(
            "The PDF nests its structures deeper than 100 levels, which letters never need; save it again from the program that made it.",
            inspection.Problem);
    }

    [Fact]
    public void Inspect_NestedDictionariesInsideACompressedObjectStream_AreRefused()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.AddCompressed("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.AddCompressed("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
        pdf.AddCompressed(string.Concat(Enumerable.Repeat("<< /A ", 20_000)) + string.Concat(Enumerable.Repeat(">> ", 20_000)));

        var inspection = UploadedPdf.Inspect(pdf.ToBytes());

        Assert.False(inspection.IsUsable);
        Assert.Contains("deeper than 100 levels", inspection.Problem, StringComparison.Ordinal);
    }

    // The nesting hides in a stream's data, which the scan does not read as structure; the cross-reference table
    // points a reader straight at it.
    [Fact]
    public void Inspect_CrossReferencePointingIntoStreamData_IsRefused()
    {
        byte[] hidden = Encoding.ASCII.GetBytes("5 0 obj\n" + new string('[', 20_000) + new string(']', 20_000) + "\nendobj\n");
        var pdf = RawPdf.OnePage();
        pdf.Set(4, Encoding.Latin1.GetString(RawPdf.Stream("", [.. "BT ET\n"u8, .. hidden])));
        pdf.Add("null");
        byte[] bytes = pdf.ToBytes();
        int at = bytes.AsSpan().IndexOf("5 0 obj\n["u8);
        string entry = "\n5 0 obj\nnull";
        int fifth = bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(entry)) + 1;
        string table = Encoding.Latin1.GetString(bytes);
        table = table.Replace(fifth.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n", at.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n", StringComparison.Ordinal);

        var inspection = UploadedPdf.Inspect(Encoding.Latin1.GetBytes(table));

        Assert.False(inspection.IsUsable);
        Assert.Contains("points into the middle of its data", inspection.Problem, StringComparison.Ordinal);
    }

    // Attack: a Flate stream of 4 MB that inflates to 4 GB.
    [Fact]
    public void Inspect_ContentStreamInflatingToGigabytes_IsRefusedAtTheCap()
    {
        var pdf = RawPdf.OnePage();
        pdf.Set(4, Encoding.Latin1.GetString(RawPdf.Stream("/Filter /FlateDecode", RawPdf.FlateZeros("BT ET "u8.ToArray(), 4L << 30))));

        var inspection = UploadedPdf.Inspect(pdf.ToBytes());

        Assert.False(inspection.IsUsable);
        Assert.Equal(
            "The PDF's compressed contents expand to more than 100 MB, which letters never need; save it again from the program that made it.",
            inspection.Problem);
    }

    // Attack: an object stream that PDFsharp would inflate whole into memory (1.7 GB for a 300 KB file before).
    [Fact]
    public void Inspect_ObjectStreamInflatingToGigabytes_IsRefusedAtTheCap()
    {
        var pdf = RawPdf.OnePage();
        byte[] header = "5 0 "u8.ToArray();
        pdf.Add(RawPdf.Stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", RawPdf.FlateZeros(header, 2L << 30)));

        var inspection = UploadedPdf.Inspect(pdf.ToBytes(), PdfLimits.Default with { MaxDecompressedBytes = 16L * 1024 * 1024 });

        Assert.False(inspection.IsUsable);
        Assert.Contains("expand to more than 16 MB", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MorePagesThanTheCap_IsRefused()
    {
        var inspection = UploadedPdf.Inspect(TestPdfs.Create(6, "Programme"), PdfLimits.Default with { MaxPages = 5 });

        Assert.False(inspection.IsUsable);
        Assert.Contains("more than 5 pages", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_MoreObjectsThanTheCap_IsRefused()
    {
        var pdf = RawPdf.OnePage();
        for (int i = 0; i < 200; i++)
        {
            pdf.Add("null");
        }

        var inspection = UploadedPdf.Inspect(pdf.ToBytes(), PdfLimits.Default with { MaxObjects = 100 });

        Assert.False(inspection.IsUsable);
        Assert.Contains("more than 100 objects", inspection.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_CheckThatRunsOutOfTime_IsRefused()
    {
        var inspection = UploadedPdf.Inspect(TestPdfs.Create(20, "Programme"), PdfLimits.Default with { MaxInspectionTime = TimeSpan.Zero });

        Assert.False(inspection.IsUsable);
        Assert.Contains("took longer than 0 seconds", inspection.Problem, StringComparison.Ordinal);
    }
}
