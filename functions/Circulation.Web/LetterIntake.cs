using Circulation.Approval;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Office;
using Circulation.Staff;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// How the letter and draft APIs take in a letter: its draft read and checked from a request body, and the workflow of
/// a new letter started (instance id = letter id, on the host's default workflow version).
/// </summary>
public sealed class LetterIntake
{
    private readonly MissionDirectory directory;
    private readonly StaffDirectory staff;
    private readonly UploadedDocuments documents;
    private readonly OfficeClock clock;
    private readonly LinkOptions links;
    private readonly WorkflowOptions workflow;

    /// <summary>Creates the intake.</summary>
    public LetterIntake(
        MissionDirectory directory, StaffDirectory staff, UploadedDocuments documents, OfficeClock clock, IOptions<LinkOptions> links, IOptions<WorkflowOptions> workflow)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(workflow);
        this.directory = directory;
        this.staff = staff;
        this.documents = documents;
        this.clock = clock;
        this.links = links.Value;
        this.workflow = workflow.Value;
    }

    /// <summary>
    /// The draft in <paramref name="request"/>'s body, drafted by <paramref name="drafter"/> (null: the signed-in member
    /// of staff), or the problem answer saying what is wrong with it.
    /// </summary>
    public Task<(LetterDraft? Draft, IResult? Error)> ReadDraftAsync(HttpRequest request, string? drafter = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LetterRequests.ReadDraftAsync(request, this.directory, this.staff, drafter ?? RequestGuard.SignedIn(request).Email, this.documents, this.clock);
    }

    /// <summary>
    /// Starts the workflow of the new letter <paramref name="letterId"/>, whose <paramref name="version"/> is archived:
    /// circulating it now, or with <paramref name="awaitSubmission"/> waiting for the drafter to submit a version.
    /// </summary>
    public Task StartAsync(DurableTaskClient client, string letterId, int version, LetterDraft draft, bool awaitSubmission)
    {
        ArgumentNullException.ThrowIfNull(client);
        var input = CirculationInput.Of(letterId, version, draft, this.links.Lifetime, this.workflow, awaitSubmission);
        return client.ScheduleNewOrchestrationInstanceAsync(nameof(CirculateLetter), input, new StartOrchestrationOptions(letterId), CancellationToken.None);
    }
}
