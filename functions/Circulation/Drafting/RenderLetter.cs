using Circulation.Archive;
using Circulation.Rendering;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Drafting;

/// <summary>Activity: renders an archived version's unsigned PDF (cover letter and enclosures) and archives it next to its JSON.</summary>
public sealed class RenderLetter : TaskActivity<LetterVersionRef, ArchivedFile>
{
    private readonly LetterPdfService pdfs;
    private readonly LetterArchive archive;

    /// <summary>Creates the activity.</summary>
    public RenderLetter(LetterPdfService pdfs, LetterArchive archive)
    {
        this.pdfs = pdfs;
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

        var (_, pdf) = await this.pdfs.RenderStoredAsync(input.LetterId, input.Version, signedAt: null, signedBy: null, CancellationToken.None);
        return await this.archive.StoreAsync(input.LetterId, name, pdf, "application/pdf", CancellationToken.None);
    }
}
