using Circulation.Missions;
using Microsoft.DurableTask;

namespace Circulation.Distribution;

/// <summary>Activity: the ids of the missions on a distribution list, in directory order.</summary>
public sealed class ListMissions : TaskActivity<string, IReadOnlyList<string>>
{
    private readonly MissionDirectory directory;

    /// <summary>Creates the activity.</summary>
    public ListMissions(MissionDirectory directory) => this.directory = directory;

    /// <inheritdoc/>
    public override Task<IReadOnlyList<string>> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult<IReadOnlyList<string>>([.. this.directory.MembersOf(input).Select(m => m.Id)]);
}
