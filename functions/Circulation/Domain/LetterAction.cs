namespace Circulation.Domain;

/// <summary>One action on a letter in flight: who did what, when and why. Kept in the letter's progress and its manifest.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="Kind">Withdrawn, reminded or replaced.</param>
/// <param name="By">Who acted (the drafter or an admin), by e-mail address.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Reason">Why (required to withdraw and to replace).</param>
/// <param name="Person">Who it concerned: the person reminded, or the one who now decides after a replacement.</param>
/// <param name="Replaced">For a replacement: who no longer decides.</param>
/// <param name="Purpose">Approval or signature, when the action concerned a pending link.</param>
/// <param name="Step">The approval step it concerned (0 for the signature).</param>
/// <param name="TokenId">The link the action made stop working (withdrawn or replaced), if any.</param>
/// <param name="RequestId">The caller's request id, so the same request twice is recognised.</param>
/// <param name="PersonName">
/// For a replaced signatory: the name the new signatory signs under (the staff directory's, when the replacement was
/// asked), as their signature request and the signed PDF give it; null otherwise, and for replacements recorded before.
/// </param>
/// <param name="PersonTitle">For a replaced signatory: the title printed under the new signatory's name; null otherwise.</param>
public sealed record LetterAction(
    LetterActionKind Kind,
    string By,
    DateTimeOffset At,
    string? Reason = null,
    string? Person = null,
    string? Replaced = null,
    LinkPurpose? Purpose = null,
    int? Step = null,
    string? TokenId = null,
    string? RequestId = null,
    string? PersonName = null,
    string? PersonTitle = null);
