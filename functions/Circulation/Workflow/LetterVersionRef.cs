namespace Circulation.Workflow;

/// <summary>Points at one archived version of a letter.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version number.</param>
public sealed record LetterVersionRef(string LetterId, int Version);
