using Circulation.Domain;

namespace Circulation.Workflow;

/// <summary>What the drafter and the signatory are told once a letter has been distributed.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The version distributed.</param>
/// <param name="Drafter">The drafter's address.</param>
/// <param name="Signatory">The signatory's address.</param>
/// <param name="Progress">The final state, with the delivery totals.</param>
public sealed record DistributionReport(string LetterId, int Version, string Drafter, string Signatory, LetterProgress Progress);
