using Circulation.Archive;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>Activity: archives one approval decision (create-only) for the audit trail.</summary>
public sealed class RecordDecision : TaskActivity<DecisionRecord, ArchivedFile>
{
    private readonly LetterArchive archive;

    /// <summary>Creates the activity.</summary>
    public RecordDecision(LetterArchive archive) => this.archive = archive;

    /// <inheritdoc/>
    public override Task<ArchivedFile> RunAsync(TaskActivityContext context, DecisionRecord input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return this.archive.StoreAsync(
            input.LetterId, ArchivePaths.Decision(input.Version, input.Approval.Step), ArchiveJson.ToBytes(input), "application/json", CancellationToken.None);
    }
}
