namespace Circulation.ReadModel;

/// <summary>One entry of a letter's timeline.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="EventId">Decided by the workflow before it is recorded (<c>context.NewGuid()</c>), so recording it twice stores it once.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">Who did it or who it was addressed to (an e-mail address), if anyone.</param>
/// <param name="Text">What the timeline says besides: a comment, a reason, a decision ("Approve").</param>
/// <param name="Version">The letter version it concerns.</param>
/// <param name="RenditionSha256">For a decision or the signature: the SHA-256 of the PDF its maker was shown and decided on (or signed).</param>
public sealed record LetterEvent(
    string EventId, LetterEventKind Kind, DateTimeOffset At, string? Actor = null, string? Text = null, int? Version = null, string? RenditionSha256 = null);
