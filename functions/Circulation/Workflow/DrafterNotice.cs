using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>Tells the drafter that a round ended without circulation.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version concerned.</param>
/// <param name="Drafter">The drafter's address.</param>
/// <param name="Progress">The final state, with the decision and comment.</param>
public sealed record DrafterNotice(string LetterId, int Version, string Drafter, LetterProgress Progress);
