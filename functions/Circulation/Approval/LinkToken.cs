using Circulation.Domain;

namespace Circulation.Approval;

/// <summary>What an e-mailed link's token is bound to.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version the holder was asked to act on.</param>
/// <param name="Purpose">Approval or signature.</param>
/// <param name="Step">The approver's position (0 for the signature).</param>
/// <param name="Actor">The e-mail address the link was sent to.</param>
/// <param name="TokenId">Unique id of this link; the workflow waits for exactly this id.</param>
/// <param name="ExpiresAt">When the link lapses.</param>
/// <param name="RenditionSha256">
/// The lower-case hex SHA-256 of the version's PDF the holder was sent and is shown (the rendition); a decision made with
/// the link is bound to it, and refused when it is not the current rendition's.
/// </param>
public sealed record LinkToken(
    string LetterId, int Version, LinkPurpose Purpose, int Step, string Actor, string TokenId, DateTimeOffset ExpiresAt, string? RenditionSha256 = null);
