namespace Circulation.Workflow;

/// <summary>What a circulation starts with. Workflow wire contract: add members only with defaults, never rename.</summary>
/// <param name="LetterId">The letter id, also the orchestration instance id.</param>
/// <param name="Version">The version to circulate (its JSON is already archived).</param>
/// <param name="Subject">The subject, shown in status and lists.</param>
/// <param name="Approvers">Approvers' addresses, in order.</param>
/// <param name="SignatoryEmail">Where the signature link goes.</param>
/// <param name="Drafter">The drafter, told when the round ends early.</param>
/// <param name="DistributionList">The mission list id.</param>
/// <param name="LinkLifetime">How long each e-mailed link stays valid.</param>
/// <param name="DistributionParallelism">How many missions' messages go out at once.</param>
public sealed record CirculationInput(
    string LetterId,
    int Version,
    string Subject,
    IReadOnlyList<string> Approvers,
    string SignatoryEmail,
    string Drafter,
    string DistributionList,
    TimeSpan LinkLifetime,
    int DistributionParallelism);
