using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// The text of a <see cref="LetterEventKind.Decided"/> event: the decision's name, then ": " and the comment when there
/// is one ("Approve", "RequestChanges: Please cite the resolution."). The read model rebuilds approvals from it.
/// </summary>
public static class DecisionText
{
    private const string Separator = ": ";

    /// <summary>The event text of <paramref name="decision"/> with <paramref name="comment"/>.</summary>
    public static string Format(ApprovalDecision decision, string? comment) =>
        string.IsNullOrEmpty(comment) ? decision.ToString() : decision + Separator + comment;

    /// <summary>Splits an event text into decision and comment; false when it does not start with a decision's name.</summary>
    public static bool TryParse(string? text, out ApprovalDecision decision, out string comment)
    {
        comment = "";
        decision = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        int split = text.IndexOf(Separator, StringComparison.Ordinal);
        string name = split < 0 ? text : text[..split];
        if (!Enum.TryParse(name, ignoreCase: false, out decision) || !Enum.IsDefined(decision) || name.Any(c => !char.IsAsciiLetter(c)))
        {
            return false;
        }

        comment = split < 0 ? "" : text[(split + Separator.Length)..];
        return true;
    }
}
