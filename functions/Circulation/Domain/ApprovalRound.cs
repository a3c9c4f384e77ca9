namespace Circulation.Domain;

/// <summary>An earlier approval round of a letter, ended by an approver asking for changes.</summary>
/// <param name="Version">The version that round circulated.</param>
/// <param name="Approvals">The decisions recorded in that round, in order; the last asked for changes.</param>
/// <param name="Note">The comment the round ended with.</param>
public sealed record ApprovalRound(int Version, IReadOnlyList<ApprovalRecord> Approvals, string? Note);
