using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.Distribution;
using Circulation.Access;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Office;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// Each mission's delivery of a signed letter, and resends: GET api/letters/{id}/deliveries,
/// POST api/letters/{id}/deliveries/{mission}/resend and POST api/letters/{id}/deliveries/resend-failed. A resend is
/// recorded as another attempt of each mission's delivery under the request's id, so the same request twice is one resend.
/// A mission has at most one resend pending and at most <see cref="DistributionOptions.MaxResendsPerMission"/> in all
/// (claimed atomically, <see cref="DeliveryRecords.ClaimResendAsync"/>); a copy that was accepted is sent again only by an admin.
/// </summary>
public sealed partial class DeliveryApi
{
    private const int MaxRequestBytes = 8 * 1024;
    private const int MaxReasonLength = 500;
    private readonly MissionDirectory directory;
    private readonly DeliveryRecords deliveries;
    private readonly WorkflowOptions workflow;
    private readonly DistributionOptions distribution;
    private readonly OfficeClock clock;
    private readonly ILogger<DeliveryApi> logger;

    /// <summary>Creates the API.</summary>
    public DeliveryApi(
        MissionDirectory directory, DeliveryRecords deliveries, IOptions<WorkflowOptions> workflow, IOptions<DistributionOptions> distribution, OfficeClock clock, ILogger<DeliveryApi> logger)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(distribution);
        this.distribution = distribution.Value;
        this.directory = directory;
        this.deliveries = deliveries;
        this.workflow = workflow.Value;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>GET api/letters/{id}/deliveries: every mission on the letter's list, with its state, attempts, times, message id and reason.</summary>
    public Task<IResult> ListAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        LetterStatusReader.AnswerAsync(request, client, routeValue, async (snapshot, ct) =>
        {
            string id = snapshot.Progress.LetterId;
            var attempts = snapshot.Progress.SignedAt is null ? [] : await this.deliveries.ListAsync(id, ct);
            var byMission = attempts.GroupBy(a => a.MissionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(a => a.At).ToList(), StringComparer.Ordinal);
            var rows = this.directory.MembersOf(snapshot.Input.DistributionList).Select(m => Row(m, byMission.GetValueOrDefault(m.Id) ?? [])).ToList();
            var estimate = DistributionEstimate.Of(snapshot.Progress.Deliveries, this.clock.GetUtcNow());
            return ApiResults.Json(new
            {
                id,
                stage = snapshot.Progress.Stage,
                total = rows.Count,
                sent = rows.Count(r => r.State == DeliveryState.Sent),
                failed = rows.Count(r => r.State == DeliveryState.Failed),
                pending = rows.Count(r => r.State == DeliveryState.Pending),
                progress = estimate.Text,
                estimatedEnd = estimate.EstimatedEnd,
                waitingUntil = snapshot.Progress.Deliveries.WaitingUntil,
                deliveries = rows,
            });
        });

    /// <summary>POST api/letters/{id}/deliveries/{mission}/resend: the signed copy again to one mission.</summary>
    public async Task<IResult> ResendOneAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (id, missionId) = CirculationRoute.Split(routeValue);
        return await this.ResendAsync(request, client, id, missionId, latest =>
        {
            var mission = this.directory.MembersOf(latest.List).FirstOrDefault(m => m.Id == missionId);
            if (mission is null)
            {
                return (null, ApiResults.Error(StatusCodes.Status404NotFound, $"Mission '{missionId}' is not on this letter's distribution list."));
            }

            var last = latest.Attempts.GetValueOrDefault(mission.Id);
            if (last is null || (last.Key == DeliveryRecords.FirstAttempt && last.State == DeliveryState.Pending))
            {
                return (null, ApiResults.Error(StatusCodes.Status409Conflict, $"The letter has not been sent to {mission.Name} yet; it can be resent once the distribution has tried it."));
            }

            // A copy the mail system accepted went out: sending it again spends the shared recipient budget and may be a duplicate.
            return last.State == DeliveryState.Sent && StaffAccess.RefuseUnlessAdmin(RequestGuard.SignedIn(request)) is { } notAdmin
                ? (null, ApiResults.Problem(ProblemKind.NotAllowed, $"The copy to {mission.Name} was accepted on {Time(last.SentAt ?? last.At)}: only an admin can send it again. {notAdmin}"))
                : ([mission.Id], null);
        });
    }

    /// <summary>POST api/letters/{id}/deliveries/resend-failed: the signed copy again to every mission whose last attempt failed.</summary>
    public async Task<IResult> ResendFailedAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await this.ResendAsync(request, client, routeValue, null, latest =>
        {
            var failed = latest.Attempts.Where(s => s.Value.State == DeliveryState.Failed).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            return failed.Count == 0
                ? (null, ApiResults.Error(StatusCodes.Status409Conflict, "No mission's delivery has failed: there is nothing to resend."))
                : (failed, null);
        });
    }


    private static DeliveryRow Row(Mission mission, List<DeliveryAttempt> attempts)
    {
        var last = attempts.Count > 0 ? attempts[^1] : null;
        var sent = attempts.LastOrDefault(a => a.State == DeliveryState.Sent);
        return new DeliveryRow(
            mission.Id,
            mission.Name,
            mission.Email,
            mission.Language,
            last?.State ?? DeliveryState.Pending,
            attempts.Count,
            last?.At,
            sent?.SentAt,
            sent?.MessageId,
            sent?.ProviderMessageId,
            sent?.Sender,
            last?.State == DeliveryState.Failed ? last.Reason : null,
            [.. attempts.Select(a => new DeliveryAttemptRow(a.Key, a.State, a.At, a.SentAt, a.Reason, a.RequestedBy, a.RequestReason))]);
    }

    private static async Task<(string? Reason, string? RequestId, IResult? Error)> ReadResendAsync(HttpRequest request)
    {
        string? json = await LetterRequests.ReadBodyAsync(request, MaxRequestBytes, request.HttpContext.RequestAborted);
        if (json is null)
        {
            return (null, null, ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxRequestBytes / 1024} KB."));
        }

        var errors = new List<FieldError>();
        string? reason = null;
        string? requestId = null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, ApiResults.Error(StatusCodes.Status400BadRequest, "Send a JSON object with a reason and a requestId."));
            }

            reason = doc.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()?.Trim() : null;
            requestId = doc.RootElement.TryGetProperty("requestId", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        }
        catch (JsonException)
        {
            return (null, null, ApiResults.Error(StatusCodes.Status400BadRequest, "The request is not valid JSON."));
        }

        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(new FieldError("reason", "Say why the letter is sent again (the reason is kept with the delivery)."));
        }
        else if (reason.Length > MaxReasonLength || reason.Any(char.IsControl))
        {
            errors.Add(new FieldError("reason", $"Write the reason on one line, in at most {MaxReasonLength} characters."));
        }

        if (requestId is null || !RequestIdPattern().IsMatch(requestId))
        {
            errors.Add(new FieldError("requestId", "Give the request an id of 8 to 64 letters, digits or dashes (e.g. a UUID), the same each time the same request is repeated."));
        }

        return errors.Count > 0 ? (null, null, ApiResults.Invalid(errors, "resend request")) : (reason, requestId!.ToLowerInvariant(), null);
    }

    private async Task<IResult> ResendAsync(
        HttpRequest request, DurableTaskClient client, string? letterId, string? oneMission, Func<LatestDeliveries, (IReadOnlyList<string>? Missions, IResult? Error)> choose)
    {
        var ct = request.HttpContext.RequestAborted;
        var snapshot = await LetterStatusReader.ReadAsync(client, letterId, ct);
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(letterId);
        }

        var (reason, requestId, invalid) = await ReadResendAsync(request);
        if (invalid is not null)
        {
            return invalid;
        }

        string id = snapshot.Progress.LetterId;
        var names = this.directory.MembersOf(snapshot.Input.DistributionList).ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        if (snapshot.Progress.SignedAt is null || snapshot.Progress.Stage is not (LetterStage.Distributing or LetterStage.Distributed))
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, $"Letter {id} is {snapshot.Progress.Stage}: only a signed letter can be sent again.");
        }

        var attempts = await this.deliveries.ListAsync(id, ct);
        string key = "r-" + requestId;
        var repeated = attempts.Where(a => a.Key == key).Select(a => a.MissionId).ToList();
        IReadOnlyList<string> missions;
        if (repeated.Count > 0)
        {
            if (oneMission is not null && !(repeated.Count == 1 && repeated[0] == oneMission))
            {
                return ApiResults.Error(
                    StatusCodes.Status409Conflict, $"The requestId {requestId} was already used for another resend of letter {id}; give a new request a new id.");
            }

            missions = repeated;
        }
        else
        {
            var latest = new LatestDeliveries(snapshot.Input.DistributionList, DeliveryRecords.LatestByMission(attempts));
            var (chosen, refusal) = choose(latest);
            if (refusal is not null)
            {
                return refusal;
            }

            var (granted, refused) = await this.ClaimAsync(id, chosen!, key, RequestGuard.SignedIn(request).Person.Email, names);
            if (granted.Count == 0)
            {
                return refused!;
            }

            missions = granted;
        }

        string by = RequestGuard.SignedIn(request).Person.Email;
        foreach (string missionId in missions)
        {
            await this.deliveries.OpenResendAsync(id, missionId, key, by, reason!, CancellationToken.None);
        }

        string instance = ResendRequest.InstanceId(id, key);
        if (await client.GetInstanceAsync(instance, getInputsAndOutputs: false, CancellationToken.None) is null)
        {
            var input = new ResendRequest(
                id, snapshot.Progress.Version, key, missions, this.workflow.DistributionBatchSize, this.workflow.DistributionParallelism, by, reason, [.. missions.Select(m => names.GetValueOrDefault(m, m))]);
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(nameof(ResendDeliveries), input, new StartOrchestrationOptions(instance) { Version = WorkflowVersions.Current }, CancellationToken.None);
                this.LogResend(id, missions.Count, by, key);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The same request sent twice at once: the other one started the resend. Anything else is not ours to hide.
                if (await client.GetInstanceAsync(instance, getInputsAndOutputs: false, CancellationToken.None) is null)
                {
                    throw;
                }
            }
        }

        return ApiResults.Json(
            new { id, requestId, missions, location = $"/api/letters/{id}/deliveries" },
            StatusCodes.Status202Accepted);
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Claims each mission's next resend for the request: the missions granted, and when none was, the 409 that says why
    /// (naming the pending resend, or the limit), in plain words.
    /// </summary>
    private async Task<(List<string> Granted, IResult? Refused)> ClaimAsync(
        string letterId, IReadOnlyList<string> missions, string key, string by, Dictionary<string, string> names)
    {
        var granted = new List<string>();
        var reasons = new List<string>();
        string? pendingRequest = null;
        int max = this.distribution.MaxResendsPerMission;
        foreach (string missionId in missions)
        {
            var claim = await this.deliveries.ClaimResendAsync(letterId, missionId, key, by, max, CancellationToken.None);
            string name = names.GetValueOrDefault(missionId, missionId);
            if (claim.Granted)
            {
                granted.Add(missionId);
            }
            else if (claim.LimitReached)
            {
                reasons.Add($"{name} has been sent this letter again {claim.Count} times, the most allowed per mission ({max}); it cannot be sent again.");
            }
            else
            {
                pendingRequest ??= RequestIdOf(claim.PendingKey!);
                reasons.Add($"A resend to {name} is already on its way (request {RequestIdOf(claim.PendingKey!)}, asked by {claim.PendingBy} on {Time(claim.PendingSince ?? default)}); wait until it has gone.");
            }
        }

        if (granted.Count > 0)
        {
            if (reasons.Count > 0)
            {
                this.LogClaimsRefused(letterId, reasons.Count, string.Join(" ", reasons));
            }

            return (granted, null);
        }

        var message = string.Join(" ", reasons);
        return (granted, pendingRequest is null
            ? ApiResults.Error(StatusCodes.Status409Conflict, message)
            : ApiResults.Problem(ProblemKind.ForStatus(StatusCodes.Status409Conflict), message, [new("pendingRequestId", pendingRequest)]));
    }

    private static string RequestIdOf(string key) => key.StartsWith("r-", StringComparison.Ordinal) ? key[2..] : key;

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Count} mission(s) left out of a resend: {Reasons}")]
    private partial void LogClaimsRefused(string letterId, int count, string reasons);

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Count} mission(s) to be sent the letter again, asked by {RequestedBy} (request {RequestKey})")]
    private partial void LogResend(string letterId, int count, string requestedBy, string requestKey);

    private sealed record LatestDeliveries(string List, IReadOnlyDictionary<string, DeliveryAttempt> Attempts);

    private sealed record DeliveryAttemptRow(string Key, DeliveryState State, DateTimeOffset At, DateTimeOffset? SentAt, string? Reason, string? RequestedBy, string? RequestReason);

    private sealed record DeliveryRow(
        string Mission,
        string Name,
        string Address,
        string Language,
        DeliveryState State,
        int Attempts,
        DateTimeOffset? LastAttemptAt,
        DateTimeOffset? SentAt,
        string? MessageId,
        string? ProviderMessageId,
        string? Sender,
        string? Reason,
        IReadOnlyList<DeliveryAttemptRow> History);
}
