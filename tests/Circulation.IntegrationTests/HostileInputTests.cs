using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Circulation.Tests.TestSupport;
using UglyToad.PdfPig;
using Xunit;
using Xunit.Abstractions;

namespace Circulation.IntegrationTests;

/// <summary>
/// The attack catalogue's hostile input, over HTTP on the local stack: PDFs built to crash or exhaust the host, PDFs
/// carrying links, scripts and files, oversized packages and bodies the Markdown parser chokes on. Each is refused
/// with a 400 that says why (or, for the interactive PDF, enclosed without what could act), the host stays healthy
/// and nothing is stored. The host's peak memory (VmHWM) before and after each PDF is written to the test output.
/// </summary>
[Collection(Collections.Input)]
public sealed class HostileInputTests(InputHostFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> HostilePdfNames() => ["nested-arrays", "content-stream-bomb", "object-stream-bomb"];

    [Theory]
    [MemberData(nameof(HostilePdfNames))]
    public async Task HostilePdf_Returns400SayingWhy_TheHostStaysHealthy_AndStoresNothing(string name)
    {
        var (pdf, expected) = HostilePdf(name);
        long before = PeakMemory();

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.UploadDocumentAsync(pdf, $"{name}.pdf"));

        long after = PeakMemory();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name} ({pdf.Length / 1024} KB): {(int)response.Status}; host peak RSS (VmHWM) {before / 1024} MB before, {after / 1024} MB after"));
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("(body)", error.GetProperty("field").GetString());
        Assert.Contains(expected, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.HealthAsync()).Status);
    }

    [Fact]
    public async Task InteractivePdf_IsEnclosedWithoutItsLinksScriptsActionsFormsOrFiles()
    {
        byte[] hostile = HostilePdfs.Interactive();
        string id = await fixture.Api.UploadPdfAsync(hostile, "programme.pdf");
        var letter = TestLetters.Valid(TestLetters.NewTag("Annots"));
        letter["enclosures"] = new object[] { new { kind = "document", documentId = id, title = "Programme of the meeting" } };

        var (status, contentType, bytes) = await fixture.Api.PreviewAsync(JsonSerializer.Serialize(letter));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", contentType);
        Assert.Empty(HostilePdfs.InteractiveNamesIn(bytes));
        using var pdf = PdfDocument.Open(bytes);
        Assert.Contains("INTERACTIVE", string.Join(' ', pdf.GetPage(pdf.NumberOfPages).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        Assert.All(pdf.GetPages(), page => Assert.Empty(page.GetAnnotations()));
    }

    [Fact]
    public async Task LetterWhoseDocumentsTogetherExceedThePackageCap_Returns400NamingEnclosures_AndStoresNothing()
    {
        // Three documents of 7 MB each: each within the 10 MB upload limit, together over the 20 MB package limit.
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var big = RawPdf.OnePage();
            big.Add(RawPdf.Stream("", RandomNumberGenerator.GetBytes(7 * 1024 * 1024)));
            ids.Add(await fixture.Api.UploadPdfAsync(big.ToBytes(), $"annex-{i}.pdf"));
        }

        var letter = TestLetters.Valid(TestLetters.NewTag("Package"));
        letter["enclosures"] = ids.Select(id => (object)new { kind = "document", documentId = id, title = "Annex" }).ToArray();

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("enclosures", error.GetProperty("field").GetString());
        Assert.Contains("at most 20 MB", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("brackets")]
    [InlineData("list-markers")]
    [InlineData("nested-lists")]
    public async Task BodyTheMarkdownParserChokesOn_Returns400NamingTheBody_AndStoresNothing(string kind)
    {
        var letter = TestLetters.Valid(TestLetters.NewTag("Markdown"));
        letter["body"] = kind switch
        {
            "brackets" => new string('[', 28_000),
            "list-markers" => string.Concat(Enumerable.Repeat("- ", 14_000)) + "text",
            _ => string.Concat(Enumerable.Range(0, 110).Select(i => new string(' ', i * 2) + "- item\n")),
        };

        var response = await fixture.AssertNothingStoredAsync(() => fixture.Api.PostJsonAsync(JsonSerializer.Serialize(letter)));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var error = Assert.Single(response.Json.GetProperty("errors").EnumerateArray());
        Assert.Equal("body", error.GetProperty("field").GetString());
        Assert.StartsWith("'body' ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Api.HealthAsync()).Status);
    }

    private static (byte[] Pdf, string Expected) HostilePdf(string name)
    {
        var pdf = RawPdf.OnePage();
        switch (name)
        {
            case "nested-arrays":
                pdf.Add(new string('[', 20_000) + new string(']', 20_000));
                return (pdf.ToBytes(), "nests its structures deeper than 100 levels");
            case "content-stream-bomb":
                pdf.Set(4, System.Text.Encoding.Latin1.GetString(RawPdf.Stream("/Filter /FlateDecode", RawPdf.FlateZeros("BT ET "u8.ToArray(), 4L << 30))));
                return (pdf.ToBytes(), "expand to more than 100 MB");
            default:
                pdf.Add(RawPdf.Stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", RawPdf.FlateZeros("5 0 "u8.ToArray(), 4L << 30)));
                return (pdf.ToBytes(), "expand to more than 100 MB");
        }
    }

    /// <summary>The host process's peak resident memory so far (VmHWM in /proc/PID/status), in KB.</summary>
    private long PeakMemory()
    {
        int pid = fixture.Host.ProcessId ?? throw new InvalidOperationException("The host is not running.");
        string line = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
