namespace Circulation.Workflow;

/// <summary>What one batch of sends came to. Each mission's outcome itself is in the deliveries table.</summary>
/// <param name="Sent">Missions whose copy the mail service took (now or in an earlier run of this step).</param>
/// <param name="Failed">Missions whose copy failed for good.</param>
/// <param name="Retry">Missions to try again.</param>
public sealed record BatchResult(int Sent, int Failed, IReadOnlyList<MissionRetry> Retry);
