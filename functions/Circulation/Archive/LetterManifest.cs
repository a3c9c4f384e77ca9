using Circulation.Domain;
using Circulation.Workflow;

namespace Circulation.Archive;

/// <summary>
/// The per-letter audit manifest, written once when the letter can change no more (distributed, rejected, expired, withdrawn):
/// every archived file's hash (every version), every decision of every round, every delivery.
/// </summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Stage">The stage the round ended in.</param>
/// <param name="Version">The version circulated.</param>
/// <param name="WrittenAt">When the manifest was written.</param>
/// <param name="Files">Every archived file with size and SHA-256.</param>
/// <param name="Approvals">Each approval decision of the last round: who, when, decision, comment.</param>
/// <param name="SignedAt">When the letter was signed, if it was.</param>
/// <param name="Deliveries">Totals.</param>
/// <param name="MissionDeliveries">Each mission's outcome.</param>
/// <param name="EarlierRounds">Approval rounds of earlier versions that ended with a request for changes.</param>
/// <param name="Actions">What the drafter or an admin did to the letter in flight: who withdrew, reminded or replaced whom, when and why.</param>
/// <param name="ApprovedRenditionSha256">
/// For a signed letter: the SHA-256 of the approved version's rendition (the PDF every approver and the signatory were
/// shown and decided on), from which the signed PDF was rendered.
/// </param>
/// <param name="SignedPdfSha256">For a signed letter: the SHA-256 of the signed PDF, as distributed.</param>
/// <param name="SigningCertificateThumbprint">The thumbprint of the certificate the signed PDF's digital signature was made with, if it was signed.</param>
public sealed record LetterManifest(
    string LetterId,
    string Subject,
    LetterStage Stage,
    int Version,
    DateTimeOffset WrittenAt,
    IReadOnlyList<ArchivedFile> Files,
    IReadOnlyList<ApprovalRecord> Approvals,
    DateTimeOffset? SignedAt,
    DeliveryTally Deliveries,
    IReadOnlyList<DeliveryOutcome> MissionDeliveries,
    IReadOnlyList<ApprovalRound>? EarlierRounds = null,
    IReadOnlyList<LetterAction>? Actions = null,
    string? ApprovedRenditionSha256 = null,
    string? SignedPdfSha256 = null,
    string? SigningCertificateThumbprint = null);
