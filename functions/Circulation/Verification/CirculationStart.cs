namespace Circulation.Verification;

/// <summary>A letter's distribution starting: what <see cref="MarkLetterCirculated"/> records in the verification index.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The signed version.</param>
/// <param name="DistributionList">The id of the list it goes to.</param>
/// <param name="Missions">How many missions are on the list.</param>
/// <param name="CirculatedAt">When the distribution started (the orchestration's time, so a retry writes the same).</param>
public sealed record CirculationStart(string LetterId, int Version, string DistributionList, int Missions, DateTimeOffset CirculatedAt);
