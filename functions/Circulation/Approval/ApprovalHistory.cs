using Circulation.Archive;
using Circulation.Domain;
using Circulation.Workflow;

namespace Circulation.Approval;

/// <summary>
/// The decisions of a version's approval round, read from the archive (<see cref="ArchivePaths.Decision"/>, written by
/// <see cref="RecordDecision"/> before the next step is asked), not from the orchestration's status.
/// </summary>
public static class ApprovalHistory
{
    /// <summary>The decisions of steps 0 to <paramref name="steps"/> - 1 on <paramref name="version"/>, in order; stops at the first step with none.</summary>
    public static async Task<IReadOnlyList<ApprovalRecord>> ReadAsync(LetterArchive archive, string letterId, int version, int steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var decisions = new List<ApprovalRecord>();
        for (int step = 0; step < steps; step++)
        {
            if (await archive.ReadAsync(letterId, ArchivePaths.Decision(version, step), cancellationToken) is not { } bytes)
            {
                break;
            }

            decisions.Add(ArchiveJson.FromBytes<DecisionRecord>(bytes).Approval);
        }

        return decisions;
    }

    /// <summary>A decision in words, e.g. "Approved", "Asked for changes".</summary>
    public static string Describe(ApprovalDecision decision) => decision switch
    {
        ApprovalDecision.Approve => "Approved",
        ApprovalDecision.RequestChanges => "Asked for changes",
        _ => "Rejected",
    };
}
