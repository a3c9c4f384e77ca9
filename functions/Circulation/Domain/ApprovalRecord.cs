namespace Circulation.Domain;

/// <summary>One approver's recorded decision.</summary>
/// <param name="Step">Zero-based position of the approver in the chain.</param>
/// <param name="Approver">The approver's e-mail address.</param>
/// <param name="Decision">What they decided.</param>
/// <param name="Comment">Their comment, possibly empty.</param>
/// <param name="DecidedAt">When the decision was recorded (UTC).</param>
/// <param name="RenditionSha256">
/// The SHA-256 of the PDF the approver was shown and decided on (the version's archived rendition, as the link's token
/// names it); null in records written before decisions were bound to it.
/// </param>
public sealed record ApprovalRecord(int Step, string Approver, ApprovalDecision Decision, string Comment, DateTimeOffset DecidedAt, string? RenditionSha256 = null);
