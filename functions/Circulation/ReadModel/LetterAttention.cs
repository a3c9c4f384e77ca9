using Circulation.Domain;

namespace Circulation.ReadModel;

/// <summary>
/// Why a letter needs someone's attention, as the list shows it: "awaiting-you" (the pending link is theirs, or they
/// drafted it and changes were requested), "failed-deliveries" (some copies failed), "link-expiring" (the pending link
/// lapses within <see cref="ExpiringWithin"/>), "signature-failed" (its digital signature failed and waits for an admin;
/// shown to whoever may list the letter: its drafter and the admins).
/// </summary>
public static class LetterAttention
{
    /// <summary>The pending link is the person's, or the drafter must revise.</summary>
    public const string AwaitingYou = "awaiting-you";

    /// <summary>Some copies failed.</summary>
    public const string FailedDeliveries = "failed-deliveries";

    /// <summary>The pending link lapses soon.</summary>
    public const string LinkExpiring = "link-expiring";

    /// <summary>The digital signature failed; an admin may retry it.</summary>
    public const string SignatureFailed = "signature-failed";

    /// <summary>How soon a lapsing link counts as expiring.</summary>
    public static readonly TimeSpan ExpiringWithin = TimeSpan.FromHours(24);

    /// <summary>The reasons <paramref name="row"/> needs <paramref name="person"/>'s attention as of <paramref name="now"/>; empty when none.</summary>
    public static IReadOnlyList<string> Of(LetterEntity row, string person, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(person);
        var reasons = new List<string>(4);
        if (string.Equals(row.PendingActor, person, StringComparison.OrdinalIgnoreCase)
            || (row.Stage == nameof(LetterStage.ChangesRequested) && string.Equals(row.Drafter, person, StringComparison.OrdinalIgnoreCase)))
        {
            reasons.Add(AwaitingYou);
        }

        if (row.Failed > 0)
        {
            reasons.Add(FailedDeliveries);
        }

        if (row.PendingExpiresAt is { } expires && expires <= now + ExpiringWithin)
        {
            reasons.Add(LinkExpiring);
        }

        if (row.Stage == nameof(LetterStage.SignatureFailed))
        {
            reasons.Add(SignatureFailed);
        }

        return reasons;
    }
}
