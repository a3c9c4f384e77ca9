namespace Circulation.ReadModel;

/// <summary>The input of <see cref="RecordLetterChange"/>: the letter as it now stands and, when something happened, the timeline event.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="Letter">The letter's summary after the change.</param>
/// <param name="Event">The event, or null for a change that only moves counters (a batch of deliveries).</param>
public sealed record LetterChange(LetterSummary Letter, LetterEvent? Event);
