using System.Globalization;
using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Office;
using Circulation.Staff;
using Circulation.Rendering;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// Drafts: save a letter without starting approval, edit it (each edit a new immutable version) and submit it. Reading
/// the versions and previewing a letter are <see cref="LetterVersionsApi"/>'s.
/// </summary>
/// <remarks>
/// A version number is taken by creating its JSON create-only, so concurrent edits cannot overwrite each other; a
/// submission is recorded create-only too. An edit and a submission racing each other each check, after writing, for
/// the other's record, and the one that finds it withdraws what it wrote: at most one of them succeeds.
/// </remarks>
public sealed partial class DraftApi
{
    /// <summary>How long a change waits for a letter created a moment ago to start its workflow (a start takes well under a second).</summary>
    private static readonly TimeSpan WorkflowStartWait = TimeSpan.FromSeconds(20);

    private readonly LetterVersions versions;
    private readonly LetterIntake intake;
    private readonly LetterPdfService renderer;
    private readonly OfficeClock clock;
    private readonly ILogger<DraftApi> logger;

    /// <summary>Creates the API.</summary>
    public DraftApi(
        LetterVersions versions,
        LetterIntake intake,
        LetterPdfService renderer,
        OfficeClock clock,
        ILogger<DraftApi> logger)
    {
        this.versions = versions;
        this.intake = intake;
        this.renderer = renderer;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>POST api/drafts: validates, archives version 1 (JSON and PDF) and waits for a submission; approval does not start.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (draft, error) = await this.intake.ReadDraftAsync(request);
        if (draft is null)
        {
            return error!;
        }

        string id = LetterId.New(this.clock.GetUtcNow());
        const int version = 1;
        byte[] pdf = await this.RenderAsync(id, version, draft);
        await this.versions.TryCreateAsync(id, version, draft, pdf, CancellationToken.None);
        await this.intake.StartAsync(client, id, version, draft, awaitSubmission: true);
        this.LogDraftCreated(id);
        return Saved(request, id, version, StatusCodes.Status201Created);
    }

    /// <summary>
    /// PUT api/letters/{id}: stores the letter as a new version while it is a draft or changes were requested.
    /// 409 in any other stage, or when another edit or a submission came first.
    /// </summary>
    public async Task<IResult> UpdateAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (found, refusal) = await FindChangeableAsync(client, routeValue, "edited", request.HttpContext.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var snapshot = found!;
        string id = snapshot.Progress.LetterId;

        var (draft, error) = await this.intake.ReadDraftAsync(request, snapshot.Input.Drafter);
        if (draft is null)
        {
            return error!;
        }

        int latest = await this.versions.LatestAsync(id, CancellationToken.None);
        if (StaleBase(request, id, latest) is { } stale)
        {
            return stale;
        }

        int version = latest + 1;
        byte[] pdf = await this.RenderAsync(id, version, draft);
        if (!await this.versions.TryCreateAsync(id, version, draft, pdf, CancellationToken.None))
        {
            return EditedConcurrently(id, $"version {version} was saved by someone else a moment ago");
        }

        // A submission of the version this edit supersedes may have been recorded since the stage was read; the round
        // of a version that had changes requested is over, so its submission record does not count.
        bool roundOver = snapshot.Progress.Stage == LetterStage.ChangesRequested && snapshot.Progress.Version == latest;
        if (!roundOver && await this.versions.IsSubmittedAsync(id, latest, CancellationToken.None))
        {
            await this.versions.DiscardAsync(id, version, CancellationToken.None);
            return ApiResults.Error(
                StatusCodes.Status409Conflict,
                $"Letter {id} was submitted for approval (version {latest}) while you were editing; your edit was not saved. It can be edited again only if an approver requests changes.");
        }

        await RaiseAsync(client, id, DraftChangeKind.Revised, version, draft, this.clock.GetUtcNow());
        this.LogRevised(id, version);
        return Saved(request, id, version, StatusCodes.Status200OK);
    }

    /// <summary>
    /// POST api/letters/{id}/submit: submits the newest version for approval; approval starts (again) from the first
    /// approver. 409 unless the letter is a draft, or changes were requested and a newer version was saved since.
    /// </summary>
    public async Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (found, refusal) = await FindChangeableAsync(client, routeValue, "submitted", request.HttpContext.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var snapshot = found!;
        string id = snapshot.Progress.LetterId;

        int latest = await this.versions.LatestAsync(id, CancellationToken.None);
        if (StaleBase(request, id, latest) is { } stale)
        {
            return stale;
        }

        if (snapshot.Progress.Stage == LetterStage.ChangesRequested && snapshot.Progress.Version == latest)
        {
            return ApiResults.Error(
                StatusCodes.Status409Conflict,
                $"Changes were requested on version {latest} of letter {id}. Edit the letter (PUT /api/letters/{id}) before submitting it again.");
        }

        var draft = await this.versions.LoadAsync(id, latest, CancellationToken.None);
        if (HiddenCharacters.FindIn(draft) is { Count: > 0 } hidden)
        {
            // Stored before such characters were refused: approvers would read another text than the PDF prints.
            return ApiResults.Problem(
                ProblemKind.ForStatus(StatusCodes.Status409Conflict),
                $"Version {latest} of letter {id} cannot be submitted. {string.Join(" ", hidden.Select(e => e.Message))} Edit the letter (PUT /api/letters/{id}) first.",
                [new("errors", hidden)]);
        }

        var now = this.clock.GetUtcNow();
        if (!await this.versions.TryClaimSubmissionAsync(id, latest, now, CancellationToken.None))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, $"Version {latest} of letter {id} has already been submitted for approval.");
        }

        if (await this.versions.ExistsAsync(id, latest + 1, CancellationToken.None))
        {
            await this.versions.ReleaseSubmissionAsync(id, latest, CancellationToken.None);
            return EditedConcurrently(id, $"version {latest + 1} was saved while you were submitting version {latest}");
        }

        try
        {
            await RaiseAsync(client, id, DraftChangeKind.Submitted, latest, draft, now);
        }
        catch
        {
            await this.versions.ReleaseSubmissionAsync(id, latest, CancellationToken.None);
            throw;
        }

        this.LogSubmitted(id, latest);
        string location = $"/api/letters/{id}";
        request.HttpContext.Response.Headers.Location = location;
        return ApiResults.Json(new { id, status = "Submitted", version = latest, location }, StatusCodes.Status202Accepted);
    }

    /// <summary>Renders a draft's unsigned PDF package (cover letter and enclosures), as missions would receive it once signed.</summary>
    private Task<byte[]> RenderAsync(string letterId, int version, LetterDraft draft) =>
        this.renderer.RenderAsync(letterId, version, draft, signed: false, CancellationToken.None);

    private static Task RaiseAsync(DurableTaskClient client, string id, DraftChangeKind kind, int version, LetterDraft draft, DateTimeOffset at) =>
        client.RaiseEventAsync(
            id,
            DraftChange.EventName,
            new DraftChange(kind, version, draft.Subject, draft.Approvers, draft.Signatory.Email, draft.Drafter, draft.DistributionList, at),
            CancellationToken.None);

    /// <summary>
    /// Reads the letter and says why it cannot be <paramref name="what"/> ("edited", "submitted") now: 404 when there is no
    /// such letter, 409 in a stage that allows no change; no refusal when it can be changed.
    /// </summary>
    private static async Task<(LetterSnapshot? Snapshot, IResult? Refusal)> FindChangeableAsync(
        DurableTaskClient client, string? routeValue, string what, CancellationToken cancellationToken)
    {
        var snapshot = await LetterStatusReader.ReadAsync(client, routeValue, cancellationToken);
        if (snapshot is { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            // A change is an event to the letter's workflow, and the Azure Storage backend can drop an event that arrives
            // before the workflow's first step (it may put the start message back and take the event alone, for an
            // instance it then finds does not exist). So a change to a letter created a moment ago waits for it to start.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(WorkflowStartWait);
            try
            {
                await client.WaitForInstanceStartAsync(snapshot.Progress.LetterId, wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (snapshot, ApiResults.Error(
                    StatusCodes.Status409Conflict,
                    $"Letter {snapshot.Progress.LetterId} is still being set up, so it cannot be {what} yet; nothing was changed. Try again in a moment."));
            }

            snapshot = await LetterStatusReader.ReadAsync(client, routeValue, cancellationToken);
        }

        return snapshot is null ? (null, ApiResults.NoSuchLetter(routeValue)) : (snapshot, Refusal(snapshot, what));
    }

    /// <summary>Why a letter in its current stage cannot be <paramref name="what"/> ("edited", "submitted"), or null when it can.</summary>
    private static IResult? Refusal(LetterSnapshot snapshot, string what)
    {
        var p = snapshot.Progress;
        string id = p.LetterId;
        if (snapshot.IsEditable)
        {
            return null;
        }

        if (p.IsEditable)
        {
            return ApiResults.Error(
                StatusCodes.Status409Conflict,
                $"Letter {id} cannot be {what}: its workflow has ended ({snapshot.RuntimeStatus}). Start a new letter instead.");
        }

        string reason = p.Stage switch
        {
            LetterStage.Drafting =>
                $"Letter {id} has been submitted for approval (version {p.Version}). It can be {what} again only if an approver requests changes.",
            LetterStage.AwaitingApproval =>
                $"Letter {id} is awaiting approval (version {p.Version}). It can be {what} again only if an approver requests changes; wait for the round to end.",
            LetterStage.AwaitingSignature => $"Letter {id} has been approved and awaits signature; it can no longer be {what}.",
            LetterStage.Distributing or LetterStage.Distributed => $"Letter {id} has been signed and circulated; it can no longer be {what}.",
            LetterStage.SignatureFailed => $"Letter {id} has been signed by its signatory, but its digital signature failed and waits for an admin to retry it; it can no longer be {what}.",
            LetterStage.Rejected => $"Letter {id} was rejected; a rejected letter cannot be {what}. Start a new letter instead.",
            LetterStage.Expired => $"Letter {id} expired before it was approved and signed; it cannot be {what}. Start a new letter instead.",
            _ => $"Letter {id} in stage {p.Stage} cannot be {what}.",
        };
        return ApiResults.Error(StatusCodes.Status409Conflict, reason);
    }

    private static IResult? StaleBase(HttpRequest request, string id, int latest)
    {
        int? baseVersion = LetterRequests.BaseVersion(request);
        if (baseVersion == -1)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "If-Match must name the version the change is based on, e.g. If-Match: \"3\".");
        }

        return baseVersion is not null && baseVersion != latest
            ? EditedConcurrently(id, $"you worked from version {baseVersion}, but version {latest} has been saved since")
            : null;
    }

    private static IResult EditedConcurrently(string id, string detail) =>
        ApiResults.Error(StatusCodes.Status409Conflict, $"Letter {id} was edited concurrently: {detail}. Nothing was saved; reload the letter and make your change again.");

    private static IResult Saved(HttpRequest request, string id, int version, int status)
    {
        string location = $"/api/letters/{id}";
        request.HttpContext.Response.Headers.Location = location;
        request.HttpContext.Response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
        return ApiResults.Json(
            new { id, status = LetterStage.Drafting, version, location, pdf = $"/api/letters/{id}/versions/{version}/pdf" },
            status);
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId} saved as a draft")]
    private partial void LogDraftCreated(string letterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: version {Version} saved")]
    private partial void LogRevised(string letterId, int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: version {Version} submitted for approval")]
    private partial void LogSubmitted(string letterId, int version);
}
