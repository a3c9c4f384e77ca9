using System.Text.Json;
using System.Text.RegularExpressions;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Office;
using Circulation.Staff;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Circulation.Web;

/// <summary>
/// Acting on a letter in flight: POST api/letters/{id}/withdraw, .../remind, .../replace and .../retry-signature. Each checks the letter's
/// stage (409 with the reason when it does not allow the action) and its input (400), then tells the letter's workflow
/// (a <see cref="LetterCommand"/>) and answers 202; the workflow checks again when it takes the command, and the caller
/// follows the letter at GET api/letters/{id}.
/// </summary>
public sealed partial class LetterCommandApi
{
    /// <summary>The longest reason accepted, in characters.</summary>
    public const int MaxReasonLength = 500;

    private const int MaxRequestBytes = 8 * 1024;
    private readonly StaffDirectory staff;
    private readonly OfficeClock clock;
    private readonly ILogger<LetterCommandApi> logger;

    /// <summary>Creates the API.</summary>
    public LetterCommandApi(StaffDirectory staff, OfficeClock clock, ILogger<LetterCommandApi> logger)
    {
        this.staff = staff;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>
    /// What the signed-in person may do to the letter now, for the letter's JSON (<c>actions: {withdraw, remind, replace,
    /// retrySignature}</c>) and page: the stage's rules (<see cref="LetterProgress.AllowedActions"/>) for its drafter or an
    /// admin, less what only admins may do (<see cref="AdminsOnly"/>) for the drafter; nothing for anyone else.
    /// </summary>
    public static InFlightActions ActionsFor(LetterSnapshot snapshot, Access.SignedInStaff who)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(who);
        var parties = new Access.LetterParties(snapshot.Input.Drafter, snapshot.Input.Approvers, snapshot.Input.SignatoryEmail);
        if (Access.StaffAccess.RefuseChange(who, parties) is not null || snapshot.RuntimeStatus != OrchestrationRuntimeStatus.Running)
        {
            return InFlightActions.None;
        }

        var p = snapshot.Progress;
        var allowed = p.AllowedActions();
        return who.Has(StaffRole.Admin)
            ? allowed
            : allowed with
            {
                Withdraw = allowed.Withdraw && AdminsOnly(p, LetterActionKind.Withdrawn) is null,
                RetrySignature = allowed.RetrySignature && AdminsOnly(p, LetterActionKind.SignatureRetried) is null,
            };
    }

    /// <summary>
    /// Why only an admin may do <paramref name="kind"/> to the letter, in words; null when its drafter may too. Retrying
    /// a failed signature is an admin's, and so is withdrawing a letter whose signatory has signed (its signature failed).
    /// </summary>
    public static string? AdminsOnly(LetterProgress progress, LetterActionKind kind)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return kind switch
        {
            LetterActionKind.SignatureRetried => "Only an admin can retry a letter's digital signature.",
            LetterActionKind.Withdrawn when progress.Stage == LetterStage.SignatureFailed =>
                "The signatory has signed this letter; now that its digital signature has failed, only an admin can withdraw it.",
            _ => null,
        };
    }

    /// <summary>POST api/letters/{id}/withdraw <c>{reason, requestId?}</c>: withdraws the letter, any time before it is signed.</summary>
    public Task<IResult> WithdrawAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, routeValue, LetterActionKind.Withdrawn);

    /// <summary>POST api/letters/{id}/remind <c>{}</c>: sends the pending approver or signatory the request again (same link).</summary>
    public Task<IResult> RemindAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, routeValue, LetterActionKind.Reminded);

    /// <summary>
    /// POST api/letters/{id}/replace <c>{person, reason}</c>: gives the pending approval, or the signature, to another
    /// person of the staff directory with the same role; the old link stops working and the new person gets a new one.
    /// </summary>
    public Task<IResult> ReplaceAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, routeValue, LetterActionKind.Replaced);

    /// <summary>
    /// POST api/letters/{id}/retry-signature <c>{requestId?}</c> (admins): applies the digital signature again to a letter
    /// whose signature failed (<see cref="LetterStage.SignatureFailed"/>), as of the signatory's signature; once it is
    /// signed, it is distributed.
    /// </summary>
    public Task<IResult> RetrySignatureAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, routeValue, LetterActionKind.SignatureRetried);

    private async Task<IResult> ActAsync(HttpRequest request, DurableTaskClient client, string? routeValue, LetterActionKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var snapshot = await LetterStatusReader.ReadAsync(client, routeValue, request.HttpContext.RequestAborted);
        if (snapshot is null)
        {
            return ApiResults.NoSuchLetter(routeValue);
        }

        var (body, bad) = await ReadBodyAsync(request, kind);
        if (bad is not null)
        {
            return bad;
        }

        var progress = snapshot.Progress;
        string id = progress.LetterId;
        if (kind == LetterActionKind.Withdrawn && body!.RequestId is { } repeated && progress.Withdrawal?.RequestId == repeated)
        {
            return Accepted(request, id, progress.Stage, kind);
        }

        string? refusal = progress.RefusalOf(kind)
            ?? (snapshot.RuntimeStatus == OrchestrationRuntimeStatus.Running ? null : $"The letter's workflow has ended ({snapshot.RuntimeStatus}); nothing more can be done to it.");
        if (refusal is not null)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, refusal);
        }

        var me = RequestGuard.SignedIn(request);
        if (AdminsOnly(progress, kind) is { } adminsOnly && !me.Has(StaffRole.Admin))
        {
            return ApiResults.Problem(ProblemKind.NotAllowed, adminsOnly);
        }

        var pending = progress.Pending;
        if (kind == LetterActionKind.Reminded && pending?.NextReminderAfter(this.clock.GetUtcNow()) is { } next)
        {
            return ApiResults.Error(
                StatusCodes.Status409Conflict,
                $"{pending.Actor} was sent a reminder on {LetterProgress.InWords(pending.RemindedAt)}; another can be sent after {LetterProgress.InWords(next)}.");
        }

        StaffMember? person = null;
        if (kind == LetterActionKind.Replaced)
        {
            (person, bad) = this.FindReplacement(body!.Person!, pending!, CurrentInput(snapshot));
            if (bad is not null)
            {
                return bad;
            }
        }

        var command = new LetterCommand(
            kind switch
            {
                LetterActionKind.Withdrawn => LetterCommandKind.Withdraw,
                LetterActionKind.Reminded => LetterCommandKind.Remind,
                LetterActionKind.SignatureRetried => LetterCommandKind.RetrySignature,
                _ => LetterCommandKind.Replace,
            },
            me.Email,
            this.clock.GetUtcNow(),
            body!.Reason,
            kind is LetterActionKind.Withdrawn or LetterActionKind.SignatureRetried ? null : pending?.TokenId,
            person?.Email,
            person?.Name,
            person?.Title,
            body.RequestId);
        await client.RaiseEventAsync(id, LetterCommand.EventName, command, CancellationToken.None);
        this.LogTold(id, command.Kind, me.Email);
        return Accepted(request, id, progress.Stage, kind);
    }

    /// <summary>The execution's input with the approvers replaced so far in this round (the status keeps who took which step).</summary>
    private static CirculationInput CurrentInput(LetterSnapshot snapshot)
    {
        var approvers = snapshot.Input.Approvers.ToArray();
        foreach (var a in snapshot.Progress.Actions ?? [])
        {
            if (a is { Kind: LetterActionKind.Replaced, Purpose: LinkPurpose.Approval, Step: { } step, Person: { } person } && step < approvers.Length)
            {
                approvers[step] = person;
            }
        }

        return snapshot.Input with { Approvers = approvers };
    }

    private (StaffMember? Person, IResult? Bad) FindReplacement(string email, PendingAction pending, CirculationInput input)
    {
        var role = pending.Kind == LinkPurpose.Signature ? StaffRole.Signatory : StaffRole.Approver;
        string roleName = role == StaffRole.Signatory ? "signatory" : "approver";
        string? problem = this.staff.Find(email) switch
        {
            null => $"{email} is not in the Office's staff directory.",
            { } p when !p.Has(role) => $"{p.Name} ({p.Email}) does not have the {roleName} role, so cannot {(role == StaffRole.Signatory ? "sign" : "approve")} letters.",
            { } p when string.Equals(p.Email, pending.Actor, StringComparison.OrdinalIgnoreCase) => $"{p.Name} ({p.Email}) is already the {roleName} the letter waits for; choose someone else.",
            { } p => Replacements.Conflict(p.Email, pending, input),
        };
        return problem is null
            ? (this.staff.Find(email), null)
            : (null, ApiResults.Invalid([new FieldError("person", problem)], "replacement"));
    }

    private static IResult Accepted(HttpRequest request, string id, LetterStage stage, LetterActionKind kind)
    {
        string location = $"/api/letters/{id}";
        request.HttpContext.Response.Headers.Location = location;
        string action = kind switch
        {
            LetterActionKind.Withdrawn => "withdraw",
            LetterActionKind.Reminded => "remind",
            LetterActionKind.SignatureRetried => "retry-signature",
            _ => "replace",
        };
        return ApiResults.Json(new { id, stage, action, location }, StatusCodes.Status202Accepted);
    }

    /// <summary>Reads and checks the JSON body: reason (withdraw, replace), person (replace), requestId (optional).</summary>
    /// <remarks>A reminder and a signature retry take no reason.</remarks>
    private static async Task<(CommandBody? Body, IResult? Bad)> ReadBodyAsync(HttpRequest request, LetterActionKind kind)
    {
        string? json = await LetterRequests.ReadBodyAsync(request, MaxRequestBytes, request.HttpContext.RequestAborted);
        if (json is null)
        {
            return (null, ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {MaxRequestBytes / 1024} KB."));
        }

        string? reason = null, person = null, requestId = null;
        if (json.Trim().Length > 0)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "Send a JSON object, e.g. {\"reason\": \"...\"}."));
                }

                reason = Text(doc.RootElement, "reason")?.Trim();
                person = Text(doc.RootElement, "person")?.Trim();
                requestId = Text(doc.RootElement, "requestId");
            }
            catch (JsonException)
            {
                return (null, ApiResults.Error(StatusCodes.Status400BadRequest, "The request is not valid JSON."));
            }
        }

        var errors = new List<FieldError>();
        bool takesReason = kind is LetterActionKind.Withdrawn or LetterActionKind.Replaced;
        if (takesReason)
        {
            if (string.IsNullOrEmpty(reason))
            {
                errors.Add(new FieldError("reason", kind == LetterActionKind.Withdrawn
                    ? "Say why the letter is withdrawn (the people who were asked to act on it are told)."
                    : "Say why someone else should decide (the letter's timeline keeps the reason)."));
            }
            else if (reason.Length > MaxReasonLength || reason.Any(char.IsControl))
            {
                errors.Add(new FieldError("reason", $"Write the reason on one line, in at most {MaxReasonLength} characters."));
            }
        }

        if (kind == LetterActionKind.Replaced && string.IsNullOrEmpty(person))
        {
            errors.Add(new FieldError("person", "Give the e-mail address of the person who should decide instead."));
        }

        if (requestId is not null && !RequestIdPattern().IsMatch(requestId))
        {
            errors.Add(new FieldError("requestId", "A requestId is 8 to 64 letters, digits or dashes (e.g. a UUID), the same each time the same request is repeated."));
        }

        string what = kind switch
        {
            LetterActionKind.Withdrawn => "withdrawal",
            LetterActionKind.Reminded => "reminder",
            LetterActionKind.SignatureRetried => "signature retry",
            _ => "replacement",
        };
        return errors.Count > 0
            ? (null, ApiResults.Invalid(errors, what))
            : (new CommandBody(takesReason ? reason : null, person, requestId?.ToLowerInvariant()), null);
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Command} asked by {By}; the workflow was told")]
    private partial void LogTold(string letterId, LetterCommandKind command, string by);

    private sealed record CommandBody(string? Reason, string? Person, string? RequestId);
}
