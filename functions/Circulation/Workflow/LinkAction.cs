using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>The event raised when a link's holder acts (approves, asks for changes, rejects or signs).</summary>
/// <param name="TokenId">The link's token id.</param>
/// <param name="Decision">The decision (Approve for a signature).</param>
/// <param name="Comment">The holder's comment.</param>
/// <param name="At">When the holder acted.</param>
public sealed record LinkAction(string TokenId, ApprovalDecision Decision, string Comment, DateTimeOffset At)
{
    /// <summary>The external event name the workflow waits on for one token.</summary>
    public static string EventName(string tokenId) => $"link-{tokenId}";
}
