using Circulation.Archive;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Approval;

/// <summary>
/// Activity: makes a pending link stop working (the letter was withdrawn, or the link's holder replaced) by taking the
/// link's one-time claim. Returns false when the holder used the link first; a retry recognises its own claim.
/// </summary>
public sealed class RetireLink : TaskActivity<LinkRetirement, bool>
{
    private readonly LetterArchive archive;

    /// <summary>Creates the activity.</summary>
    public RetireLink(LetterArchive archive) => this.archive = archive;

    /// <inheritdoc/>
    public override async Task<bool> RunAsync(TaskActivityContext context, LinkRetirement input)
    {
        ArgumentNullException.ThrowIfNull(input);
        string claim = ArchivePaths.LinkUse(input.TokenId);
        if (await this.archive.TryClaimAsync(input.LetterId, claim, ArchiveJson.ToBytes(input), CancellationToken.None))
        {
            return true;
        }

        var existing = LinkRetirement.TryRead(await this.archive.ReadAsync(input.LetterId, claim, CancellationToken.None));
        return existing?.RetirementId == input.RetirementId;
    }
}
