using System.Globalization;
using System.Text;
using Circulation.Drafting;
using Circulation.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// POST api/documents: uploads a PDF to enclose with letters. The raw PDF is the request body
/// (Content-Type: application/pdf), its file name the "name" query parameter. Nothing is stored unless the
/// PDF is accepted.
/// </summary>
public sealed partial class DocumentApi
{
    /// <summary>Longest file name kept.</summary>
    public const int MaxNameLength = 200;

    private const string DefaultName = "document.pdf";
    private readonly UploadedDocuments documents;
    private readonly EnclosureOptions options;
    private readonly ILogger<DocumentApi> logger;

    /// <summary>Creates the API.</summary>
    public DocumentApi(UploadedDocuments documents, IOptions<EnclosureOptions> options, ILogger<DocumentApi> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.documents = documents;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>
    /// POST api/documents?name=programme.pdf: 201 with {"id", "name", "pages", "size", "sha256"}; 400 when the
    /// body is not a readable, unencrypted PDF or the name is bad; 413 over Enclosures:MaxDocumentBytes;
    /// 415 when the content type is not application/pdf.
    /// </summary>
    public async Task<IResult> UploadAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        if (!IsPdfContentType(request.ContentType))
        {
            return Reject(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "Send the document as the raw PDF with Content-Type: application/pdf.");
        }

        string? name = ReadName(request.Query["name"].ToString(), out string? nameProblem);
        if (name is null)
        {
            return Reject(StatusCodes.Status400BadRequest, "name", nameProblem!);
        }

        long limit = this.options.MaxDocumentBytes;
        AllowBodyOf(request.HttpContext, limit);
        byte[]? pdf = await ReadBodyAsync(request, limit, ct);
        if (pdf is null)
        {
            this.LogRejected(name, "too large", null);
            return Reject(StatusCodes.Status413PayloadTooLarge, "(body)", $"The document is larger than the limit of {Size(limit)}.");
        }

        if (pdf.Length == 0)
        {
            return Reject(StatusCodes.Status400BadRequest, "(body)", "The request has no body: send the PDF's bytes.");
        }

        var inspection = UploadedPdf.Inspect(pdf, this.options.PdfLimits);
        if (!inspection.IsUsable)
        {
            this.LogRejected(name, inspection.Problem!, inspection.Detail);
            return Reject(StatusCodes.Status400BadRequest, "(body)", inspection.Problem!);
        }

        var stored = await this.documents.StoreAsync(pdf, name, inspection.Pages, ct);
        return ApiResults.Json(new { id = stored.Id, name = stored.Name, pages = stored.Pages, size = stored.Size, sha256 = stored.Sha256 }, StatusCodes.Status201Created);
    }

    /// <summary>Lets the server read bodies up to the configured limit (Kestrel stops at 30 MB by default), so it is this API that answers 413.</summary>
    private static void AllowBodyOf(HttpContext context, long limit)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false } && feature.MaxRequestBodySize is { } current && current <= limit)
        {
            feature.MaxRequestBodySize = limit + 1;
        }
    }

    private static IResult Reject(int status, string field, string message) =>
        ApiResults.Invalid([new FieldError(field, message)], "document", status);

    private static bool IsPdfContentType(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/pdf", StringComparison.OrdinalIgnoreCase);

    /// <summary>The file name to keep: its last path segment, trimmed, in normalization form C; null with a reason when unusable.</summary>
    private static string? ReadName(string? raw, out string? problem)
    {
        problem = null;
        string name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim().Normalize(NormalizationForm.FormC);
        if (name.Length == 0)
        {
            return DefaultName;
        }

        if (name.Length > MaxNameLength)
        {
            problem = $"'name' is {name.Length} characters long; the limit is {MaxNameLength}.";
            return null;
        }

        if (HiddenCharacters.Check("name", name, multiLine: false) is { } hidden)
        {
            problem = hidden.Message;
            return null;
        }

        return name;
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");

    [LoggerMessage(Level = LogLevel.Information, Message = "Document upload '{Name}' refused: {Reason} ({Detail})")]
    private partial void LogRejected(string name, string reason, string? detail);
}
