namespace Circulation.Workflow;

/// <summary>Tells the drafter and the admins that a letter's digital signature failed for good.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version signed.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="Drafter">The drafter, who is told with the admins.</param>
/// <param name="Reason">Why the signature could not be applied, in words.</param>
/// <param name="FailureId">The failure's id (from the workflow), so each failure's messages are new and a retried send repeats the same ones.</param>
public sealed record SignatureFailureNotice(string LetterId, int Version, string Subject, string Drafter, string Reason, string FailureId);
