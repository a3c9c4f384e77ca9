using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Asks an activity to e-mail a link for one approval step or the signature.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version to act on.</param>
/// <param name="Pending">The step, recipient, token id and expiry.</param>
/// <param name="ChangedSince">The earlier version the recipient last decided on, if any: the request shows what changed since.</param>
/// <param name="ReminderId">
/// For a reminder of a request already sent (same link): an id the workflow decided, which gives the reminder its own
/// Message-ID; null for the first request.
/// </param>
/// <param name="SignAs">For a signature request to a replacement signatory: who signs (name and title), instead of the letter's own signatory.</param>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
public sealed record LinkRequest(string LetterId, int Version, PendingAction Pending, int? ChangedSince = null, string? ReminderId = null, Drafting.Signatory? SignAs = null);
