namespace Circulation.Workflow;

/// <summary>
/// The event the HTTP layer raises to act on a letter in flight. The HTTP layer has checked the stage and the input, but
/// by the time the workflow takes the command the letter may have moved on: the workflow checks again and ignores a
/// command that no longer applies (a remind or replace names the link it was meant for).
/// </summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="Kind">Withdraw, remind or replace.</param>
/// <param name="By">Who asked (the drafter or an admin), by e-mail address.</param>
/// <param name="At">When they asked.</param>
/// <param name="Reason">Why (withdraw and replace).</param>
/// <param name="TokenId">For remind and replace: the pending link the caller saw; the command applies only while it is still pending.</param>
/// <param name="Person">For replace: the e-mail address of the person who decides instead.</param>
/// <param name="PersonName">For replace: that person's name, as the staff directory gives it.</param>
/// <param name="PersonTitle">For replace: that person's title (printed under a replaced signatory's signature).</param>
/// <param name="RequestId">The caller's request id, if it gave one.</param>
public sealed record LetterCommand(
    LetterCommandKind Kind,
    string By,
    DateTimeOffset At,
    string? Reason = null,
    string? TokenId = null,
    string? Person = null,
    string? PersonName = null,
    string? PersonTitle = null,
    string? RequestId = null)
{
    /// <summary>The external event name the workflow takes commands on.</summary>
    public const string EventName = "command";
}
