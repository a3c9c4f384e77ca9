using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Who may take over a pending approval or signature: checked by the API before it asks, and by the workflow when it replaces.</summary>
public static class Replacements
{
    /// <summary>
    /// Why <paramref name="person"/> may not take over <paramref name="pending"/>, or null: the drafter never approves or
    /// signs their own letter, and one person never holds two approval steps of a round.
    /// </summary>
    public static string? Conflict(string person, PendingAction pending, CirculationInput input)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(input);
        if (string.Equals(person, input.Drafter, StringComparison.OrdinalIgnoreCase))
        {
            return $"{person} drafted this letter, and nobody approves or signs their own letter.";
        }

        return pending.Kind == LinkPurpose.Approval
            && input.Approvers.Where((a, i) => i != pending.Step).Any(a => string.Equals(a, person, StringComparison.OrdinalIgnoreCase))
            ? $"{person} is already another approver of this letter; one person approves it once."
            : null;
    }
}
