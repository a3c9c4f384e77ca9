namespace Circulation.Workflow;

/// <summary>Missions whose copies of a signed letter one activity sends.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The signed version.</param>
/// <param name="MissionIds">The missions, each at most once.</param>
/// <param name="Parallelism">How many of them are sent at once.</param>
/// <param name="LastTry">
/// Missions on their last try: a transient mail failure is recorded as the mission's failure instead of being handed back
/// for another try. A storage fault is never recorded as a failure.
/// </param>
/// <param name="ResendKey">For a resend a person asked for: its key (each mission's attempt is recorded under it); null for the distribution's own attempt.</param>
public sealed record MissionBatch(
    string LetterId, int Version, IReadOnlyList<string> MissionIds, int Parallelism, IReadOnlyList<string>? LastTry = null, string? ResendKey = null);
