using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Office;
using Circulation.ReadModel;
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
    private readonly LetterIntake intake;
    private readonly LetterArchive archive;
    private readonly MissionDirectory directory;
    private readonly OfficeClock clock;
    private readonly LetterReadModel readModel;
    private readonly ILogger<LetterApi> logger;

    /// <summary>Creates the API.</summary>
    public LetterApi(
        LetterVersions versions,
        LetterIntake intake,
        LetterArchive archive,
        MissionDirectory directory,
        OfficeClock clock,
        LetterReadModel readModel,
        ILogger<LetterApi> logger)
    {
        this.versions = versions;
        this.intake = intake;
        this.archive = archive;
        this.directory = directory;
        this.clock = clock;
        this.readModel = readModel;
        this.logger = logger;
    }

    /// <summary>POST api/letters: validates, archives version 1 and starts the circulation.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (draft, error) = await this.intake.ReadDraftAsync(request);
        if (draft is null)
        {
            return error!;
        }

        var now = this.clock.GetUtcNow();
        string id = LetterId.New(now);
        const int version = 1;
        await this.versions.SaveAsync(id, version, draft, request.HttpContext.RequestAborted);
        await this.versions.TryClaimSubmissionAsync(id, version, now, CancellationToken.None);
        await this.intake.StartAsync(client, id, version, draft, awaitSubmission: false);
        this.LogCreated(id, draft.Approvers.Count, draft.DistributionList);

        string location = $"/api/letters/{id}";
        request.HttpContext.Response.Headers.Location = location;
        return ApiResults.Json(new { id, status = LetterStage.Drafting, version, location }, StatusCodes.Status201Created);
    }

    /// <summary>
    /// GET api/letters: one page of letters from the read model, newest first, filtered by stage, drafter, created
    /// dates, subject words and the attention view; the signed-in drafter's own, or every letter for an admin.
    /// </summary>
    public async Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var me = RequestGuard.SignedIn(request);
        var (query, errors) = LetterListRequest.Read(request.Query, me);
        if (query is null)
        {
            return ApiResults.Invalid(errors, "list request");
        }

        var now = this.clock.GetUtcNow();
        var page = await this.readModel.ListAsync(query, now, request.HttpContext.RequestAborted);
        return ApiResults.Json(new { letters = page.Letters.Select(l => Summary(l, me.Email, now)), continuation = page.Continuation });
    }

    /// <summary>
    /// GET api/letters/{id}: the letter's stage, version, approvals, deliveries and timeline, from the read model; in the
    /// moment between the letter's creation and its workflow's first record, from its orchestration.
    /// Whether it is editable is the workflow's word.
    /// </summary>
    public async Task<IResult> GetAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        if (!LetterId.IsWellFormed(routeValue))
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        var snapshotRead = LetterStatusReader.ReadAsync(client, routeValue, ct);
        var rowRead = this.readModel.FindAsync(routeValue!, ct);
        var timelineRead = this.readModel.TimelineAsync(routeValue!, ct);
        var snapshot = await snapshotRead;
        var row = await rowRead;
        var timeline = await timelineRead;
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        var view = row is null ? LetterView.Of(snapshot) : LetterView.Of(row, timeline, snapshot);

        // While a letter is edited, the workflow's input still names the first version's approvers and list: the
        // current version's own JSON says who will approve it.
        var current = view.Editable ? await this.versions.TryLoadAsync(view.Progress.LetterId, view.Progress.Version, ct) : null;
        return ApiResults.Json(Detail(view, current, this.clock.GetUtcNow(), LetterCommandApi.ActionsFor(snapshot, RequestGuard.SignedIn(request))));
    }

    /// <summary>GET api/letters/{id}/pdf: the signed PDF once signed, else the current version's draft PDF.</summary>
    public Task<IResult> PdfAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        LetterStatusReader.AnswerAsync(request, client, routeValue, async (snapshot, ct) =>
        {
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
        });

    /// <summary>GET api/letters/{id}/archive: every archived file with size and SHA-256.</summary>
    public Task<IResult> ArchiveAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        LetterStatusReader.AnswerAsync(request, client, routeValue, async (snapshot, ct) =>
        {
            var files = await this.archive.ListAsync(snapshot.Progress.LetterId, ct);
            return ApiResults.Json(new { id = snapshot.Progress.LetterId, files });
        });

    /// <summary>GET api/distribution-lists: the lists with their member counts.</summary>
    public Task<IResult> DistributionListsAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(ApiResults.Json(new { lists = this.directory.Lists }));

    private static object Summary(LetterEntity l, string me, DateTimeOffset now)
    {
        var deliveries = new DeliveryTally(l.Total, l.Sent, l.Failed, l.DistributionStartedAt);
        return new
        {
            id = l.LetterId,
            subject = l.Subject,
            stage = l.Stage,
            version = l.Version,
            editable = l.Stage == nameof(LetterStage.ChangesRequested) || (l.Stage == nameof(LetterStage.Drafting) && l.SubmittedAt is null),
            drafter = l.Drafter,
            createdAt = l.CreatedAt,
            updatedAt = l.UpdatedAt,
            submittedAt = l.SubmittedAt,
            signedAt = l.SignedAt,
            deliveries = new { total = l.Total, sent = l.Sent, failed = l.Failed },
            progress = l.SignedAt is null ? null : DistributionEstimate.Of(deliveries, now).Text,
            waitingFor = l.PendingKind is null ? null : new { kind = l.PendingKind, step = (l.PendingStep ?? 0) + 1, who = l.PendingActor, expiresAt = l.PendingExpiresAt },
            attention = LetterAttention.Of(l, me, now),
        };
    }

    private static object Detail(LetterView v, LetterDraft? current, DateTimeOffset now, InFlightActions actions) => new
    {
        id = v.Progress.LetterId,
        subject = v.Progress.Subject,
        stage = v.Progress.Stage,
        version = v.Progress.Version,
        editable = v.Editable,
        submittedAt = v.Progress.SubmittedAt,
        approvals = v.Progress.Approvals,
        drafter = v.Drafter,
        approvers = current?.Approvers ?? v.Approvers,
        signatory = current?.Signatory.Email ?? v.Signatory,
        earlierRounds = v.Progress.EarlierRounds ?? [],
        waitingFor = v.Progress.Pending is { } p ? new { kind = p.Kind, step = p.Step + 1, who = p.Actor, expiresAt = p.ExpiresAt } : null,
        deliveries = v.Progress.Deliveries,
        progress = v.Progress.SignedAt is null ? null : DistributionEstimate.Of(v.Progress.Deliveries, now) is var e ? new { text = e.Text, estimatedEnd = e.EstimatedEnd } : null,
        distributionList = current?.DistributionList ?? v.DistributionList,
        signedAt = v.Progress.SignedAt,
        note = v.Progress.Note,
        createdAt = v.CreatedAt,
        updatedAt = v.UpdatedAt,
        workflow = v.Workflow,
        failure = v.Failure,
        timeline = v.Timeline.Select(t => new { at = t.At, kind = t.Kind, actor = t.Actor, text = t.Text, version = t.Version, renditionSha256 = t.RenditionSha256 }),
        actions,
        links = new
        {
            pdf = $"/api/letters/{v.Progress.LetterId}/pdf",
            archive = $"/api/letters/{v.Progress.LetterId}/archive",
            versions = $"/api/letters/{v.Progress.LetterId}/versions",
            deliveries = $"/api/letters/{v.Progress.LetterId}/deliveries",
        },
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId} created with {ApproverCount} approver(s) for list {DistributionList}")]
    private partial void LogCreated(string letterId, int approverCount, string distributionList);
}
