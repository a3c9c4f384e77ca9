namespace Circulation.Workflow;

/// <summary>Asks for the signed PDF of an approved version.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The approved version.</param>
/// <param name="SignedAt">When the signatory signed.</param>
/// <param name="SignedBy">Who signed when the signatory was replaced in flight (their name, title and signature go on the letter); null for the letter's own signatory.</param>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
public sealed record SigningRequest(string LetterId, int Version, DateTimeOffset SignedAt, Drafting.Signatory? SignedBy = null);
