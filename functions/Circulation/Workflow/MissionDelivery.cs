namespace Circulation.Workflow;

/// <summary>One mission's copy of a signed letter.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The signed version.</param>
/// <param name="MissionId">The mission.</param>
/// <param name="FailureReason">Set when recording a failure after every retry.</param>
public sealed record MissionDelivery(string LetterId, int Version, string MissionId, string? FailureReason = null);
