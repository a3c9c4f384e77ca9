namespace Circulation.Domain;

/// <summary>The one link a letter is currently waiting on.</summary>
/// <param name="Kind">Approval or signature.</param>
/// <param name="Step">The approver's position (0 for the signature).</param>
/// <param name="Actor">Who the link was sent to.</param>
/// <param name="TokenId">The id bound into the link's token; only this token can act.</param>
/// <param name="ExpiresAt">When the link lapses (UTC).</param>
public sealed record PendingAction(LinkPurpose Kind, int Step, string Actor, string TokenId, DateTimeOffset ExpiresAt);
