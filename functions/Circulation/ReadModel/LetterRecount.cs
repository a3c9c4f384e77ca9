namespace Circulation.ReadModel;

/// <summary>The input of <see cref="RecountLetterDeliveries"/>: the letter, and when the recount's change happened.</summary>
/// <param name="LetterId">The letter whose row is recounted.</param>
/// <param name="At">The orchestration's time of the change (the row's last change).</param>
public sealed record LetterRecount(string LetterId, DateTimeOffset At);
