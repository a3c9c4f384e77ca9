using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>How a wait for a link ended: acted on, lapsed, or ended by a command (withdrawn, or a replacement's request undeliverable).</summary>
/// <param name="Action">The holder's action; null when the link lapsed or a command ended the wait.</param>
/// <param name="Progress">The letter after the wait (commands taken during it included).</param>
/// <param name="Input">The execution's input with the replacements made during the wait (who approves which step, who signs).</param>
/// <param name="Withdrawn">True when the letter was withdrawn: it is over, its manifest written.</param>
/// <param name="Undelivered">Why a replacement's request could not be delivered, if it could not.</param>
internal sealed record LinkWait(LinkAction? Action, LetterProgress Progress, CirculationInput Input, bool Withdrawn = false, string? Undelivered = null);
