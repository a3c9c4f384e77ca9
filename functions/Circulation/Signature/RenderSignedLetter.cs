using Circulation.Archive;
using Circulation.DigitalSignature;
using Circulation.Rendering;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Signature;

/// <summary>
/// Activity: renders the final PDF (cover letter with the signatory's handwritten signature and the date, then the
/// enclosures), signs it digitally once (PAdES B-T, docs/signing.md) and archives it.
/// </summary>
public sealed class RenderSignedLetter : TaskActivity<SigningRequest, ArchivedFile>
{
    private readonly LetterPdfService pdfs;
    private readonly LetterArchive archive;
    private readonly PdfDigitalSigner signer;

    /// <summary>Creates the activity.</summary>
    public RenderSignedLetter(LetterPdfService pdfs, LetterArchive archive, PdfDigitalSigner signer)
    {
        this.signer = signer;
        this.pdfs = pdfs;
        this.archive = archive;
    }

    /// <inheritdoc/>
    /// <exception cref="SigningUnavailableException">The signing key or the timestamp authority did not answer, after retries.</exception>
    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, SigningRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // A retry after a crash must find the PDF already archived rather than render a second, different one.
        var existing = await this.archive.FindAsync(input.LetterId, ArchivePaths.SignedPdf, CancellationToken.None);
        if (existing is not null)
        {
            return existing;
        }

        // Dated on the signing day when undated; a signatory replaced in flight signs in their own name: theirs are the
        // printed name, title and handwritten signature.
        var (draft, pdf) = await this.pdfs.RenderStoredAsync(input.LetterId, input.Version, input.SignedAt, input.SignedBy, CancellationToken.None);

        // One digital signature over the whole finished document; a crash before the create-only write below signs again,
        // but only one signed PDF is ever archived (and mailed).
        var digital = await this.signer.SignAsync(pdf, CancellationToken.None);
        var signed = await this.archive.StoreAsync(input.LetterId, ArchivePaths.SignedPdf, digital.Pdf, "application/pdf", CancellationToken.None);
        var record = new SignatureRecord(
            input.LetterId, input.Version, draft.Signatory, input.SignedAt, signed.Sha256, draft.Date, input.ApprovedRenditionSha256, digital.CertificateThumbprint);
        await this.archive.StoreAsync(input.LetterId, ArchivePaths.Signature(input.Version), ArchiveJson.ToBytes(record), "application/json", CancellationToken.None);
        return signed;
    }
}
