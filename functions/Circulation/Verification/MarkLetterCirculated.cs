using Circulation.Archive;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Signature;
using Microsoft.DurableTask;

namespace Circulation.Verification;

/// <summary>
/// Activity: marks the letter's signed PDF circulated in the verification index as its distribution starts, so a
/// mission can check the copy it receives from then on. Built from the archived signature record, so it also indexes a
/// letter signed before the index existed. Idempotent.
/// </summary>
public sealed class MarkLetterCirculated : TaskActivity<CirculationStart, bool>
{
    private readonly LetterArchive archive;
    private readonly LetterVersions versions;
    private readonly MissionDirectory directory;
    private readonly VerificationIndex index;

    /// <summary>Creates the activity.</summary>
    public MarkLetterCirculated(LetterArchive archive, LetterVersions versions, MissionDirectory directory, VerificationIndex index)
    {
        this.archive = archive;
        this.versions = versions;
        this.directory = directory;
        this.index = index;
    }

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, CirculationStart input)
    {
        ArgumentNullException.ThrowIfNull(input);
        byte[] bytes = await this.archive.ReadAsync(input.LetterId, ArchivePaths.Signature(input.Version), CancellationToken.None)
            ?? throw new InvalidOperationException($"Letter {input.LetterId} has no signature record for version {input.Version}.");
        var signature = ArchiveJson.FromBytes<SignatureRecord>(bytes);
        var draft = await this.versions.LoadAsync(input.LetterId, input.Version, CancellationToken.None);
        string list = this.directory.TryGetList(input.DistributionList, out var found) ? found.Name : input.DistributionList;
        await this.index.MarkCirculatedAsync(signature, draft.Subject, draft.Date, list, input.Missions, input.CirculatedAt, CancellationToken.None);
        return true;
    }
}
