using System.Globalization;
using System.Security.Cryptography;
using Circulation.Archive;
using Circulation.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Drafting;

/// <summary>
/// PDF documents uploaded to be enclosed with letters. They are kept in the archive's
/// <see cref="ArchivePaths.DocumentsFolder"/>, create-only and content-addressed: a document's id is the
/// SHA-256 of its bytes, so uploading the same file twice gives the same id and stores nothing new.
/// </summary>
public sealed partial class UploadedDocuments
{
    private const string Folder = ArchivePaths.DocumentsFolder;
    private readonly LetterArchive archive;
    private readonly long maxPackageBytes;
    private readonly ILogger<UploadedDocuments> logger;

    /// <summary>Creates the store over the archive.</summary>
    public UploadedDocuments(LetterArchive archive, IOptions<EnclosureOptions> options, ILogger<UploadedDocuments> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.archive = archive;
        this.maxPackageBytes = options.Value.MaxPackageBytes;
        this.logger = logger;
    }

    /// <summary>The id the document with these bytes has (or would have).</summary>
    public static string IdOf(ReadOnlySpan<byte> pdf) => Convert.ToHexStringLower(SHA256.HashData(pdf));

    /// <summary>
    /// Stores a PDF that <see cref="UploadedPdf.Inspect(byte[], PdfLimits)"/> accepted, with its description. When the same bytes
    /// were uploaded before, nothing changes and the first upload's description (and name) is returned.
    /// </summary>
    public async Task<UploadedDocument> StoreAsync(byte[] pdf, string name, int pages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        string id = IdOf(pdf);
        var document = new UploadedDocument(id, name, pages, pdf.Length, id);
        await this.archive.StoreAsync(Folder, ArchivePaths.DocumentPdf(id), pdf, "application/pdf", cancellationToken);
        try
        {
            await this.archive.StoreAsync(Folder, ArchivePaths.DocumentInfo(id), ArchiveJson.ToBytes(document), "application/json", cancellationToken);
            this.LogStored(id, pages, pdf.Length);
            return document;
        }
        catch (ArchiveConflictException)
        {
            // Uploaded before (perhaps under another name): the first description stands.
            return await this.FindAsync(id, cancellationToken) ?? document;
        }
    }

    /// <summary>The description of document <paramref name="documentId"/>, or null when there is none.</summary>
    public async Task<UploadedDocument?> FindAsync(string documentId, CancellationToken cancellationToken)
    {
        byte[]? json = await this.archive.ReadAsync(Folder, ArchivePaths.DocumentInfo(documentId), cancellationToken);
        return json is null ? null : ArchiveJson.FromBytes<UploadedDocument>(json);
    }

    /// <summary>The bytes of document <paramref name="documentId"/>, or null when there is none.</summary>
    public Task<byte[]?> ReadAsync(string documentId, CancellationToken cancellationToken) =>
        this.archive.ReadAsync(Folder, ArchivePaths.DocumentPdf(documentId), cancellationToken);

    /// <summary>
    /// One error per enclosed document of <paramref name="draft"/> that names no uploaded document (field
    /// "enclosures[i].documentId"), and one (field "enclosures") when its documents together are larger than
    /// Enclosures:MaxPackageBytes; empty when the enclosures can be rendered. Every handler that accepts a letter calls
    /// this after <see cref="LetterDraftParser.TryParse"/> and before storing anything.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> FindUnknownAsync(LetterDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<FieldError>();
        var enclosures = draft.Enclosures ?? [];
        long total = 0;
        for (int i = 0; i < enclosures.Count; i++)
        {
            if (enclosures[i] is not EnclosedDocument document)
            {
                continue;
            }

            if (await this.FindAsync(document.DocumentId, cancellationToken) is { } found)
            {
                total += found.Size;
            }
            else if (!await this.archive.ExistsAsync(Folder, ArchivePaths.DocumentPdf(document.DocumentId), cancellationToken))
            {
                string field = $"enclosures[{i}].documentId";
                errors.Add(new FieldError(field, $"'{field}' names no uploaded document ('{document.DocumentId}'). Upload the PDF with POST /api/documents and use the id it returns."));
            }
        }

        if (total > this.maxPackageBytes)
        {
            errors.Add(new FieldError(
                "enclosures",
                $"'enclosures' encloses documents of {Megabytes(total)} together; one letter's enclosures may be at most {Megabytes(this.maxPackageBytes)}. Enclose fewer or smaller documents."));
        }

        return errors;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB");

    [LoggerMessage(Level = LogLevel.Information, Message = "Document {DocumentId} stored: {Pages} page(s), {Size} bytes")]
    private partial void LogStored(string documentId, int pages, long size);
}
