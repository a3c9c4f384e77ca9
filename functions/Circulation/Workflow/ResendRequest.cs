namespace Circulation.Workflow;

/// <summary>A resend a person asked for: the letter's signed copy again to some of its missions.</summary>
/// <param name="LetterId">The letter.</param>
/// <param name="Version">The signed version.</param>
/// <param name="Key">The request's key: each mission's attempt is recorded under it, and its message identity derives from it.</param>
/// <param name="MissionIds">The missions.</param>
/// <param name="BatchSize">Missions per send activity.</param>
/// <param name="Parallelism">Sends at once inside an activity.</param>
/// <param name="RequestedBy">Who asked (an e-mail address), for the letter's timeline; null in requests from before it was kept.</param>
/// <param name="Reason">Why, for the letter's timeline.</param>
/// <param name="MissionNames">The missions' names, in the order of <paramref name="MissionIds"/>, for the letter's timeline; null in requests from before they were kept.</param>
public sealed record ResendRequest(
    string LetterId, int Version, string Key, IReadOnlyList<string> MissionIds, int BatchSize, int Parallelism, string? RequestedBy = null, string? Reason = null, IReadOnlyList<string>? MissionNames = null)
{
    /// <summary>The instance id of the resend's workflow: one per letter and request, so asking twice starts it once.</summary>
    public static string InstanceId(string letterId, string key) => $"{letterId}.resend.{key}";
}
