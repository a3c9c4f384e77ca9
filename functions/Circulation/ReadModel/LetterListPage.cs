namespace Circulation.ReadModel;

/// <summary>One page of a letters list, newest first.</summary>
/// <param name="Letters">The letters' rows.</param>
/// <param name="Continuation">The token for the next page (<see cref="ListContinuation"/>), or null on the last page.</param>
public sealed record LetterListPage(IReadOnlyList<LetterEntity> Letters, string? Continuation);
