using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>The event raised when a link's holder acts (approves, asks for changes, rejects or signs).</summary>
/// <param name="TokenId">The link's token id.</param>
/// <param name="Decision">The decision (Approve for a signature).</param>
/// <param name="Comment">The holder's comment.</param>
/// <param name="At">When the holder acted.</param>
/// <param name="RenditionSha256">The SHA-256 of the rendition the holder acted on, as their link's token names it (checked against the current one before the event is raised).</param>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
public sealed record LinkAction(string TokenId, ApprovalDecision Decision, string Comment, DateTimeOffset At, string? RenditionSha256 = null)
{
    /// <summary>The external event name the workflow waits on for one token.</summary>
    public static string EventName(string tokenId) => $"link-{tokenId}";
}
