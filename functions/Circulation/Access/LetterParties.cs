namespace Circulation.Access;

/// <summary>Who a letter concerns, for deciding who may see and change it.</summary>
/// <param name="Drafter">Who created it.</param>
/// <param name="Approvers">Who approves the version in circulation.</param>
/// <param name="Signatory">Who signs it.</param>
public sealed record LetterParties(string Drafter, IReadOnlyList<string> Approvers, string Signatory);
