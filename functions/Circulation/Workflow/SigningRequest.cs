namespace Circulation.Workflow;

/// <summary>Asks for the signed PDF of an approved version.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The approved version.</param>
/// <param name="SignedAt">When the signatory signed.</param>
public sealed record SigningRequest(string LetterId, int Version, DateTimeOffset SignedAt);
