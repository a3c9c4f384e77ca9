using Circulation.Archive;
using Circulation.DigitalSignature;
using Circulation.Drafting;
using Circulation.Rendering;
using Circulation.Verification;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Signature;

/// <summary>
/// Activity: renders the final PDF (cover letter with the signatory's handwritten signature and the date, then the
/// enclosures), signs it digitally once (PAdES B-T, docs/signing.md), archives it and enters its SHA-256 in the
/// verification index (docs/verification.md).
/// </summary>
public sealed class RenderSignedLetter : TaskActivity<SigningRequest, ArchivedFile>
{
    private readonly LetterPdfService pdfs;
    private readonly LetterArchive archive;
    private readonly PdfDigitalSigner signer;
    private readonly VerificationIndex index;

    /// <summary>Creates the activity.</summary>
    public RenderSignedLetter(LetterPdfService pdfs, LetterArchive archive, PdfDigitalSigner signer, VerificationIndex index)
    {
        this.index = index;
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
            // The crash may have come before the signature record or the verification index was written; a record written
            // now names the certificate inside the archived PDF's own signature.
            var stored = await this.pdfs.LoadStoredAsync(input.LetterId, input.Version, input.SignedAt, input.SignedBy, CancellationToken.None);
            string? thumbprint = await this.archive.ExistsAsync(input.LetterId, ArchivePaths.Signature(input.Version), CancellationToken.None)
                ? null
                : PdfDigitalSigner.ThumbprintOf(await this.archive.ReadAsync(input.LetterId, ArchivePaths.SignedPdf, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Letter {input.LetterId}: the signed PDF disappeared from the archive."));
            await this.RecordAsync(input, stored, existing, thumbprint);
            return existing;
        }

        // Dated on the signing day when undated; a signatory replaced in flight signs in their own name: theirs are the
        // printed name, title and handwritten signature.
        var (draft, pdf) = await this.pdfs.RenderStoredAsync(input.LetterId, input.Version, input.SignedAt, input.SignedBy, CancellationToken.None);

        // One digital signature over the whole finished document; a crash before the create-only write below signs again,
        // but only one signed PDF is ever archived (and mailed).
        var digital = await this.signer.SignAsync(pdf, CancellationToken.None);
        var signed = await this.archive.StoreAsync(input.LetterId, ArchivePaths.SignedPdf, digital.Pdf, "application/pdf", CancellationToken.None);
        await this.RecordAsync(input, draft, signed, digital.CertificateThumbprint);
        return signed;
    }

    /// <summary>
    /// Archives the signature record (unless a first try did) and enters the signed PDF in the verification index, not yet
    /// circulated (create-only). A record found already archived is the one indexed.
    /// </summary>
    private async Task RecordAsync(SigningRequest input, LetterDraft draft, ArchivedFile signed, string? certificateThumbprint)
    {
        string path = ArchivePaths.Signature(input.Version);
        var record = await this.archive.ReadAsync(input.LetterId, path, CancellationToken.None) is { } archived
            ? ArchiveJson.FromBytes<SignatureRecord>(archived)
            : null;
        if (record is null)
        {
            record = new SignatureRecord(
                input.LetterId, input.Version, draft.Signatory, input.SignedAt, signed.Sha256, draft.Date, input.ApprovedRenditionSha256, certificateThumbprint);
            await this.archive.StoreAsync(input.LetterId, path, ArchiveJson.ToBytes(record), "application/json", CancellationToken.None);
        }

        await this.index.RecordSignedAsync(record, draft.Subject, draft.Date, CancellationToken.None);
    }
}
