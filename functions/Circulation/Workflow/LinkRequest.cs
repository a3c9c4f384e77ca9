using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Asks an activity to e-mail a link for one approval step or the signature.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version to act on.</param>
/// <param name="Pending">The step, recipient, token id and expiry.</param>
/// <param name="ChangedSince">The earlier version the recipient last decided on, if any: the request shows what changed since.</param>
public sealed record LinkRequest(string LetterId, int Version, PendingAction Pending, int? ChangedSince = null);
