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
}
