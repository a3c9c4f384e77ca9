using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Office;
using Circulation.Staff;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>The JSON API: create letters, read their status, PDF and archive, list distribution lists.</summary>
public sealed partial class LetterApi
{
    /// <summary>Largest accepted request body for a letter.</summary>
    public const int MaxRequestBytes = 256 * 1024;

    private readonly LetterVersions versions;
    private readonly UploadedDocuments documents;
    private readonly LetterArchive archive;
    private readonly MissionDirectory directory;
    private readonly StaffDirectory staff;
    private readonly OfficeClock clock;
    private readonly LinkOptions links;
    private readonly WorkflowOptions workflow;
    private readonly ILogger<LetterApi> logger;

    /// <summary>Creates the API.</summary>
    public LetterApi(
        LetterVersions versions,
        UploadedDocuments documents,
        LetterArchive archive,
        MissionDirectory directory,
        StaffDirectory staff,
        OfficeClock clock,
        IOptions<LinkOptions> links,
        IOptions<WorkflowOptions> workflow,
        ILogger<LetterApi> logger)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(workflow);
        this.versions = versions;
        this.documents = documents;
        this.archive = archive;
        this.directory = directory;
        this.staff = staff;
        this.clock = clock;
        this.links = links.Value;
        this.workflow = workflow.Value;
        this.logger = logger;
    }

    /// <summary>POST api/letters: validates, archives version 1 and starts the circulation.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (draft, error) = await LetterRequests.ReadDraftAsync(request, this.directory, this.staff, RequestGuard.SignedIn(request).Email, this.documents, this.clock);
        if (draft is null)
        {
            return error!;
        }

        var now = this.clock.GetUtcNow();
        string id = LetterId.New(now);
        const int version = 1;
        await this.versions.SaveAsync(id, version, draft, request.HttpContext.RequestAborted);
        await this.versions.TryClaimSubmissionAsync(id, version, now, CancellationToken.None);
        var input = new CirculationInput(
            id, version, draft.Subject, draft.Approvers, draft.Signatory.Email, draft.Drafter, draft.DistributionList, this.links.Lifetime, this.workflow.DistributionParallelism, DistributionBatchSize: this.workflow.DistributionBatchSize);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(CirculateLetter), input, new StartOrchestrationOptions(id), CancellationToken.None);
        this.LogCreated(id, draft.Approvers.Count, draft.DistributionList);

        string location = $"/api/letters/{id}";
        request.HttpContext.Response.Headers.Location = location;
        return ApiResults.Json(new { id, status = LetterStage.Drafting, version, location }, StatusCodes.Status201Created);
    }

    /// <summary>GET api/letters: the newest letters first; the signed-in drafter's own, or every letter for an admin.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        int limit = int.TryParse(request.Query["limit"], out int l) && l is > 0 and <= 500 ? l : 50;
        var me = RequestGuard.SignedIn(request);
        bool all = StaffAccess.SeesAllLetters(me);
        var letters = await LetterStatusReader.ListAsync(client, limit, l => all || me.Is(l.Input.Drafter), request.HttpContext.RequestAborted);
        var now = this.clock.GetUtcNow();
        return ApiResults.Json(new { letters = letters.Select(l => Summary(l, now)) });
    }

    /// <summary>GET api/letters/{id}: the letter's stage, version, approvals and deliveries.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var snapshot = await LetterStatusReader.ReadAsync(client, routeValue, ct);
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        // While a letter is edited, the workflow's input still names the first version's approvers and list: the
        // current version's own JSON says who will approve it.
        var current = snapshot.IsEditable ? await this.versions.TryLoadAsync(snapshot.Progress.LetterId, snapshot.Progress.Version, ct) : null;
        return ApiResults.Json(Detail(snapshot, current, this.clock.GetUtcNow()));
    }

    /// <summary>GET api/letters/{id}/pdf: the signed PDF once signed, else the current version's draft PDF.</summary>
    public async Task<IResult> PdfAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var snapshot = await LetterStatusReader.ReadAsync(client, routeValue, ct);
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        string id = snapshot.Progress.LetterId;
        byte[]? signed = await this.archive.ReadAsync(id, ArchivePaths.SignedPdf, ct);
        byte[]? pdf = signed ?? await this.archive.ReadAsync(id, ArchivePaths.VersionPdf(snapshot.Progress.Version), ct);
        if (pdf is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"Letter {id} has no PDF yet: it is being rendered. Try again in a moment.");
        }

        request.HttpContext.Response.Headers.ContentDisposition =
            $"inline; filename=\"{LetterMails.PdfName(id, snapshot.Progress.Version, signed is not null)}\"";
        return Results.File(pdf, "application/pdf");
    }

    /// <summary>GET api/letters/{id}/archive: every archived file with size and SHA-256.</summary>
    public async Task<IResult> ArchiveAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var snapshot = await LetterStatusReader.ReadAsync(client, routeValue, ct);
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        var files = await this.archive.ListAsync(snapshot.Progress.LetterId, ct);
        return ApiResults.Json(new { id = snapshot.Progress.LetterId, files });
    }

    /// <summary>GET api/distribution-lists: the lists with their member counts.</summary>
    public Task<IResult> DistributionListsAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(ApiResults.Json(new { lists = this.directory.Lists }));

    private static object Summary(LetterSnapshot s, DateTimeOffset now) => new
    {
        id = s.Progress.LetterId,
        subject = s.Progress.Subject,
        stage = s.Progress.Stage,
        version = s.Progress.Version,
        editable = s.IsEditable,
        drafter = s.Input.Drafter,
        createdAt = s.CreatedAt,
        deliveries = s.Progress.Deliveries,
        progress = s.Progress.SignedAt is null ? null : DistributionEstimate.Of(s.Progress.Deliveries, now).Text,
    };

    private static object Detail(LetterSnapshot s, LetterDraft? current, DateTimeOffset now) => new
    {
        id = s.Progress.LetterId,
        subject = s.Progress.Subject,
        stage = s.Progress.Stage,
        version = s.Progress.Version,
        editable = s.IsEditable,
        submittedAt = s.Progress.SubmittedAt,
        approvals = s.Progress.Approvals,
        drafter = s.Input.Drafter,
        approvers = current?.Approvers ?? s.Input.Approvers,
        earlierRounds = s.Progress.EarlierRounds ?? [],
        waitingFor = s.Progress.Pending is { } p ? new { kind = p.Kind, step = p.Step + 1, who = p.Actor, expiresAt = p.ExpiresAt } : null,
        deliveries = s.Progress.Deliveries,
        progress = s.Progress.SignedAt is null ? null : DistributionEstimate.Of(s.Progress.Deliveries, now) is var e ? new { text = e.Text, estimatedEnd = e.EstimatedEnd } : null,
        distributionList = current?.DistributionList ?? s.Input.DistributionList,
        signedAt = s.Progress.SignedAt,
        note = s.Progress.Note,
        createdAt = s.CreatedAt,
        updatedAt = s.LastUpdatedAt,
        workflow = s.RuntimeStatus.ToString(),
        failure = s.Failure,
        links = new
        {
            pdf = $"/api/letters/{s.Progress.LetterId}/pdf",
            archive = $"/api/letters/{s.Progress.LetterId}/archive",
            versions = $"/api/letters/{s.Progress.LetterId}/versions",
            deliveries = $"/api/letters/{s.Progress.LetterId}/deliveries",
        },
    };


    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId} created with {ApproverCount} approver(s) for list {DistributionList}")]
    private partial void LogCreated(string letterId, int approverCount, string distributionList);
}
