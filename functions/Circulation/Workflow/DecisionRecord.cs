using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>An approval decision to archive.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version decided on.</param>
/// <param name="Approval">The decision.</param>
public sealed record DecisionRecord(string LetterId, int Version, ApprovalRecord Approval);
