namespace Circulation.Domain;

/// <summary>One approver's recorded decision.</summary>
/// <param name="Step">Zero-based position of the approver in the chain.</param>
/// <param name="Approver">The approver's e-mail address.</param>
/// <param name="Decision">What they decided.</param>
/// <param name="Comment">Their comment, possibly empty.</param>
/// <param name="DecidedAt">When the decision was recorded (UTC).</param>
public sealed record ApprovalRecord(int Step, string Approver, ApprovalDecision Decision, string Comment, DateTimeOffset DecidedAt);
