namespace Circulation.Workflow;

/// <summary>Asks for the signed PDF of an approved version.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The approved version.</param>
/// <param name="SignedAt">When the signatory signed.</param>
/// <param name="SignedBy">Who signed when the signatory was replaced in flight (their name, title and signature go on the letter); null for the letter's own signatory.</param>
/// <param name="ApprovedRenditionSha256">The SHA-256 of the approved version's rendition, which the approvers and the signatory were shown; null in requests from before it was recorded.</param>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
public sealed record SigningRequest(string LetterId, int Version, DateTimeOffset SignedAt, Drafting.Signatory? SignedBy = null, string? ApprovedRenditionSha256 = null);
