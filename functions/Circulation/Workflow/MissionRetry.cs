namespace Circulation.Workflow;

/// <summary>A mission whose copy is to be tried again.</summary>
/// <param name="MissionId">The mission.</param>
/// <param name="Cause">What went wrong.</param>
/// <param name="Reason">In plain words.</param>
/// <param name="NotBefore">The earliest moment a new try can succeed, when known (a mailbox's budget frees up).</param>
public sealed record MissionRetry(string MissionId, RetryCause Cause, string Reason, DateTimeOffset? NotBefore = null);
