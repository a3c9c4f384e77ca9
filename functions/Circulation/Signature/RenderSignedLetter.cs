using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Rendering;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Signature;

/// <summary>Activity: renders the final PDF with the signatory's handwritten signature and archives it.</summary>
public sealed class RenderSignedLetter : TaskActivity<SigningRequest, ArchivedFile>
{
    private readonly LetterVersions versions;
    private readonly LetterDocumentFactory documents;
    private readonly ILetterRenderer renderer;
    private readonly SignatureImages images;
    private readonly LetterArchive archive;

    /// <summary>Creates the activity.</summary>
    public RenderSignedLetter(LetterVersions versions, LetterDocumentFactory documents, ILetterRenderer renderer, SignatureImages images, LetterArchive archive)
    {
        this.versions = versions;
        this.documents = documents;
        this.renderer = renderer;
        this.images = images;
        this.archive = archive;
    }

    /// <inheritdoc/>
    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, SigningRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // A retry after a crash must find the PDF already archived rather than render a second, different one.
        var existing = await this.archive.FindAsync(input.LetterId, ArchivePaths.SignedPdf, CancellationToken.None);
        if (existing is not null)
        {
            return existing;
        }

        var draft = await this.versions.LoadAsync(input.LetterId, input.Version, CancellationToken.None);
        byte[] image = await this.images.GetAsync(draft.Signatory.Email, CancellationToken.None);
        byte[] pdf = this.renderer.Render(this.documents.Create(input.LetterId, input.Version, draft, image));
        var signed = await this.archive.StoreAsync(input.LetterId, ArchivePaths.SignedPdf, pdf, "application/pdf", CancellationToken.None);
        var record = new { input.LetterId, input.Version, Signatory = draft.Signatory, input.SignedAt, SignedPdfSha256 = signed.Sha256 };
        await this.archive.StoreAsync(input.LetterId, ArchivePaths.Signature(input.Version), ArchiveJson.ToBytes(record), "application/json", CancellationToken.None);
        return signed;
    }
}
