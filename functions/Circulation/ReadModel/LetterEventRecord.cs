namespace Circulation.ReadModel;

/// <summary>The input of <see cref="RecordLetterEvent"/>: a timeline event of a letter whose row does not change.</summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter.</param>
/// <param name="Event">The event.</param>
public sealed record LetterEventRecord(string LetterId, LetterEvent Event);
