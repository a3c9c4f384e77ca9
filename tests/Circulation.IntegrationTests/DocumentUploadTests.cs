using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;
using Circulation.Tests.TestSupport;

namespace Circulation.IntegrationTests;

/// <summary>
/// POST /api/documents over HTTP on the local stack: a readable PDF is stored once, by content; anything
/// else is refused with a status and a message, and nothing is stored.
/// </summary>
[Collection(Collections.Input)]
public sealed class DocumentUploadTests(InputHostFixture fixture)
{
    private const long DefaultLimit = 10L * 1024 * 1024;

    [Fact]
    public async Task ReadablePdf_Returns201WithItsDescription_AndTheSameBytesGetTheSameId()
    {
        byte[] pdf = TestPdfs.Create(3, $"UPLOAD-{Guid.NewGuid():N}");
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        var first = await fixture.Api.UploadDocumentAsync(pdf, "programme.pdf");
        var again = await fixture.Api.UploadDocumentAsync(pdf, "programme (copy).pdf");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        var json = first.Json;
        Assert.Equal(sha256, json.GetProperty("id").GetString());
        Assert.Equal(sha256, json.GetProperty("sha256").GetString());
        Assert.Equal("programme.pdf", json.GetProperty("name").GetString());
        Assert.Equal(3, json.GetProperty("pages").GetInt32());
        Assert.Equal(pdf.Length, json.GetProperty("size").GetInt64());
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(sha256, again.Json.GetProperty("id").GetString());

        // Stored once, content-addressed, in the working container's documents/ folder, byte for byte.
        var blobs = await fixture.BlobNamesAsync();
        Assert.Contains($"work:documents/{sha256}.pdf", blobs);
        Assert.Contains($"work:documents/{sha256}.json", blobs);
        var stored = await fixture.WorkContainer.GetBlobClient($"documents/{sha256}.pdf").DownloadContentAsync();
        Assert.Equal(pdf, stored.Value.Content.ToArray());
    }

    [Theory]
    [InlineData("Programme of the meeting, typed as plain text.")]
    [InlineData("%PDF-1.7\nnot really a PDF")]
    public async Task NotAPdf_Returns400NamingTheBody_AndStoresNothing(string content)
    {
        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UploadDocumentAsync(Encoding.UTF8.GetBytes(content), "programme.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("(body)", error.GetProperty("field").GetString());
        Assert.Matches("not a PDF|cannot be read", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("open-sesame", "owner-secret")]
    [InlineData(null, "owner-secret")]
    public async Task EncryptedPdf_Returns400SayingItIsEncrypted_AndStoresNothing(string? userPassword, string ownerPassword)
    {
        byte[] pdf = TestPdfs.Create(1, "SECRET", userPassword, ownerPassword);

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UploadDocumentAsync(pdf, "secret.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("encrypted", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DocumentOverTheLimit_Returns413_AndStoresNothing(bool withContentLength)
    {
        byte[] big = new byte[DefaultLimit + 1];
        "%PDF-1.7\n"u8.CopyTo(big);

        var response = await fixture.AssertNothingStoredAsync(
            () => fixture.Api.PostBytesAsync("api/documents?name=big.pdf", big, "application/pdf", sendLength: withContentLength));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Contains("10 MB", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task WrongContentType_Returns415_AndStoresNothing(string contentType)
    {
        byte[] pdf = TestPdfs.Create(1, "PROGRAMME");

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UploadDocumentAsync(pdf, "programme.pdf", contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Contains("application/pdf", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterEnclosingAnUnknownDocument_Returns400NamingItsDocumentId_AndStoresNothing()
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Doc"));
        letter["enclosures"] = new object[]
        {
            new { kind = "letter", body = "We have the honour to write.", signatories = new[] { new { name = "Giorgi Beridze", title = "Co-Chair" } } },
            new { kind = "document", documentId = new string('a', 64), title = "Programme of the meeting" },
        };

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("enclosures[1].documentId", error.GetProperty("field").GetString());
        Assert.Contains("POST /api/documents", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
