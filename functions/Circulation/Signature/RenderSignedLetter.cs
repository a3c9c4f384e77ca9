using Circulation.Archive;
using Circulation.DigitalSignature;
using Circulation.Drafting;
using Circulation.Office;
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
    private readonly LetterVersions versions;
    private readonly LetterPdfService pdfs;
    private readonly LetterArchive archive;
    private readonly OfficeClock office;
    private readonly PdfDigitalSigner signer;

    /// <summary>Creates the activity.</summary>
    public RenderSignedLetter(LetterVersions versions, LetterPdfService pdfs, LetterArchive archive, OfficeClock office, PdfDigitalSigner signer)
    {
        this.signer = signer;
        this.versions = versions;
        this.pdfs = pdfs;
        this.archive = archive;
        this.office = office;
    }

    /// <inheritdoc/>
    /// <exception cref="SigningUnavailableException">The signing key or the timestamp authority did not answer, after retries.</exception>
    public override async Task<ArchivedFile> RunAsync(TaskActivityContext context, SigningRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);

        // A letter without a date is dated on the day it is signed, in the Office's time zone.
        var stored = (await this.versions.LoadAsync(input.LetterId, input.Version, CancellationToken.None)).AsSignedOn(input.SignedAt, this.office.TimeZone);

        // A signatory replaced in flight signs in their own name: theirs are the printed name, title and handwritten signature.
        var draft = input.SignedBy is { } signer ? stored with { Signatory = signer } : stored;

        // A retry after a crash must find the PDF already archived rather than render a second, different one; a crash
        // between the two writes below left the PDF without its record, which is written now, for the archived PDF.
        var existing = await this.archive.FindAsync(input.LetterId, ArchivePaths.SignedPdf, CancellationToken.None);
        if (existing is not null)
        {
            if (!await this.archive.ExistsAsync(input.LetterId, ArchivePaths.Signature(input.Version), CancellationToken.None))
            {
                byte[] archived = await this.archive.ReadAsync(input.LetterId, ArchivePaths.SignedPdf, CancellationToken.None)
                    ?? throw new InvalidOperationException($"Letter {input.LetterId}: the signed PDF disappeared from the archive.");
                await this.StoreRecordAsync(input, draft, existing.Sha256, PdfDigitalSigner.ThumbprintOf(archived));
            }

            return existing;
        }

        byte[] pdf = await this.pdfs.RenderAsync(input.LetterId, input.Version, draft, signed: true, CancellationToken.None);

        // One digital signature over the whole finished document; a crash before the create-only write below signs again,
        // but only one signed PDF is ever archived (and mailed).
        var digital = await this.signer.SignAsync(pdf, CancellationToken.None);
        var signed = await this.archive.StoreAsync(input.LetterId, ArchivePaths.SignedPdf, digital.Pdf, "application/pdf", CancellationToken.None);
        await this.StoreRecordAsync(input, draft, signed.Sha256, digital.CertificateThumbprint);
        return signed;
    }

    private Task<ArchivedFile> StoreRecordAsync(SigningRequest input, LetterDraft draft, string signedPdfSha256, string thumbprint)
    {
        var record = new SignatureRecord(
            input.LetterId, input.Version, draft.Signatory, input.SignedAt, signedPdfSha256, draft.Date, input.ApprovedRenditionSha256, thumbprint);
        return this.archive.StoreAsync(input.LetterId, ArchivePaths.Signature(input.Version), ArchiveJson.ToBytes(record), "application/json", CancellationToken.None);
    }
}
