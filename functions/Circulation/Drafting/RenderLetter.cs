using Circulation.Archive;
using Circulation.Rendering;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Drafting;

/// <summary>Activity: renders an archived version's unsigned PDF and archives it next to its JSON.</summary>
public sealed class RenderLetter : TaskActivity<LetterVersionRef, ArchivedFile>
{
    private readonly LetterVersions versions;
    private readonly LetterDocumentFactory documents;
    private readonly ILetterRenderer renderer;
    private readonly LetterArchive archive;

    /// <summary>Creates the activity.</summary>
    public RenderLetter(LetterVersions versions, LetterDocumentFactory documents, ILetterRenderer renderer, LetterArchive archive)
    {
        this.versions = versions;
        this.documents = documents;
        this.renderer = renderer;
        this.archive = archive;
    }

    /// <inheritdoc/>
    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, LetterVersionRef input)
    {
        ArgumentNullException.ThrowIfNull(input);
        // PDFs carry a creation time, so a retried render differs byte for byte: keep the first one archived.
        string name = ArchivePaths.VersionPdf(input.Version);
        var existing = await this.archive.FindAsync(input.LetterId, name, CancellationToken.None);
        if (existing is not null)
        {
            return existing;
        }

        var draft = await this.versions.LoadAsync(input.LetterId, input.Version, CancellationToken.None);
        byte[] pdf = this.renderer.Render(this.documents.Create(input.LetterId, input.Version, draft, signatureImage: null));
        return await this.archive.StoreAsync(input.LetterId, name, pdf, "application/pdf", CancellationToken.None);
    }
}
