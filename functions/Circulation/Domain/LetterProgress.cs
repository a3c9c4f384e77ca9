using System.Globalization;
using System.Text.Json.Serialization;

namespace Circulation.Domain;

/// <summary>
/// The state of one letter's circulation: the orchestration's custom status while it runs and its
/// output when it ends. Immutable; every transition is guarded and returns a new value.
/// </summary>
/// <remarks>Part of the workflow wire contract: add members only with defaults, never rename.</remarks>
/// <param name="LetterId">The letter (and orchestration instance) id.</param>
/// <param name="Subject">The letter's subject.</param>
/// <param name="Stage">Where the letter is.</param>
/// <param name="Version">The version being circulated.</param>
/// <param name="Approvals">Decisions recorded so far, in order.</param>
/// <param name="Pending">The link the letter waits on, if any.</param>
/// <param name="Deliveries">Distribution progress.</param>
/// <param name="SignedAt">When the signatory signed.</param>
/// <param name="Note">A human-readable note on how the round ended (comment, expiry).</param>
/// <param name="SubmittedAt">When <paramref name="Version"/> was submitted for approval; null while it is only a draft.</param>
/// <param name="EarlierRounds">Approval rounds of earlier versions that ended with a request for changes, oldest first.</param>
/// <param name="Actions">What the drafter or an admin did to the letter in flight (withdrew, reminded, replaced), oldest first.</param>
public sealed record LetterProgress(
    string LetterId,
    string Subject,
    LetterStage Stage,
    int Version,
    IReadOnlyList<ApprovalRecord> Approvals,
    PendingAction? Pending,
    DeliveryTally Deliveries,
    DateTimeOffset? SignedAt = null,
    string? Note = null,
    DateTimeOffset? SubmittedAt = null,
    IReadOnlyList<ApprovalRound>? EarlierRounds = null,
    IReadOnlyList<LetterAction>? Actions = null)
{
    /// <summary>A new letter in drafting, not yet submitted.</summary>
    public static LetterProgress Start(string letterId, string subject, int version) =>
        new(letterId, subject, LetterStage.Drafting, version, [], null, DeliveryTally.None);

    /// <summary>True once the letter can change no more: distributed, rejected, expired or withdrawn. Changes requested is not final.</summary>
    [JsonIgnore]
    public bool IsFinal => this.Stage is LetterStage.Distributed or LetterStage.Rejected or LetterStage.Expired or LetterStage.Withdrawn;

    /// <summary>True while the drafter may store new versions: a draft not yet submitted, or after changes were requested.</summary>
    [JsonIgnore]
    public bool IsEditable => this.Stage == LetterStage.ChangesRequested || (this.Stage == LetterStage.Drafting && this.SubmittedAt is null);

    /// <summary>True when <paramref name="version"/> may become the letter's current draft (see <see cref="Revise"/>).</summary>
    public bool CanRevise(int version) => this.IsEditable && version > this.Version;

    /// <summary>True when <paramref name="version"/> may be submitted for approval (see <see cref="Submit"/>).</summary>
    public bool CanSubmit(int version) =>
        this.IsEditable && version >= this.Version && !(this.Stage == LetterStage.ChangesRequested && version == this.Version);

    /// <summary>
    /// The latest earlier version <paramref name="approver"/> decided on, or null when they have not seen an earlier
    /// version: what their next approval request is compared with.
    /// </summary>
    public int? LastVersionSeenBy(string approver) =>
        (this.EarlierRounds ?? [])
            .Where(r => r.Version < this.Version && r.Approvals.Any(a => string.Equals(a.Approver, approver, StringComparison.OrdinalIgnoreCase)))
            .Select(r => (int?)r.Version)
            .Max();

    /// <summary>
    /// Makes <paramref name="version"/> (newly stored by the drafter) the current draft. Allowed while the letter is
    /// editable; versions only increase. Leaving "changes requested" files that round under <see cref="EarlierRounds"/>
    /// and keeps its comment in <see cref="Note"/> for the drafter.
    /// </summary>
    public LetterProgress Revise(int version, string subject)
    {
        this.Require(this.IsEditable, "be edited");
        this.Require(version > this.Version, "go back to an earlier or the same version");
        return this.CloseRound() with { Stage = LetterStage.Drafting, Version = version, Subject = subject };
    }

    /// <summary>
    /// Submits <paramref name="version"/> for approval: the next step is the first approver. After changes were
    /// requested, only a newer version may be submitted.
    /// </summary>
    public LetterProgress Submit(int version, string subject, DateTimeOffset at)
    {
        this.Require(this.IsEditable, "be submitted for approval");
        this.Require(version >= this.Version, "submit an earlier version");
        this.Require(
            !(this.Stage == LetterStage.ChangesRequested && version == this.Version), "be submitted again unchanged after changes were requested");
        return this.CloseRound() with { Stage = LetterStage.Drafting, Version = version, Subject = subject, Note = null, SubmittedAt = at };
    }

    /// <summary>Sends the letter to the approver at <paramref name="pending"/>'s step.</summary>
    public LetterProgress AwaitApproval(PendingAction pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        this.Require(pending.Kind == LinkPurpose.Approval, "wait for an approval with a signature link");
        this.Require(
            (this.Stage == LetterStage.AwaitingApproval || (this.Stage == LetterStage.Drafting && this.SubmittedAt is not null)) && this.Pending is null,
            "start an approval step");
        this.Require(pending.Step == this.Approvals.Count, "skip or repeat an approval step");
        return this with { Stage = LetterStage.AwaitingApproval, Pending = pending };
    }

    /// <summary>
    /// Records the pending approver's decision, on the rendition <paramref name="renditionSha256"/> names (their link's),
    /// or else the one the pending link was sent with.
    /// </summary>
    public LetterProgress Decide(ApprovalDecision decision, string comment, DateTimeOffset at, string? renditionSha256 = null)
    {
        this.Require(this.Stage == LetterStage.AwaitingApproval && this.Pending is { Kind: LinkPurpose.Approval }, "record an approval decision");
        var record = new ApprovalRecord(this.Pending!.Step, this.Pending.Actor, decision, comment, at, renditionSha256 ?? this.Pending.RenditionSha256);
        var next = this with { Approvals = [.. this.Approvals, record], Pending = null };
        return decision switch
        {
            ApprovalDecision.Approve => next,
            ApprovalDecision.RequestChanges => next with { Stage = LetterStage.ChangesRequested, Note = comment },
            _ => next with { Stage = LetterStage.Rejected, Note = comment },
        };
    }

    /// <summary>Sends the approved letter to the signatory.</summary>
    public LetterProgress AwaitSignature(PendingAction pending, int approverCount)
    {
        ArgumentNullException.ThrowIfNull(pending);
        this.Require(pending.Kind == LinkPurpose.Signature, "wait for a signature with an approval link");
        this.Require(this.Stage == LetterStage.AwaitingApproval && this.Pending is null, "go to signature");
        this.Require(
            this.Approvals.Count == approverCount && this.Approvals.All(a => a.Decision == ApprovalDecision.Approve),
            "go to signature before every approver has approved");
        return this with { Stage = LetterStage.AwaitingSignature, Pending = pending };
    }

    /// <summary>Records the signature and starts distribution to <paramref name="missionCount"/> missions.</summary>
    public LetterProgress Sign(DateTimeOffset at, int missionCount)
    {
        this.Require(this.Stage == LetterStage.AwaitingSignature, "be signed");
        this.Require(missionCount > 0, "be distributed to no mission");
        return this with
        {
            Stage = LetterStage.Distributing,
            Pending = null,
            SignedAt = at,
            Deliveries = new DeliveryTally(missionCount, 0, 0),
        };
    }

    /// <summary>
    /// The signatory signed, but the digital signature could not be applied once its retries were spent: nothing goes to
    /// the missions, and the letter waits for an admin to retry signing (<see cref="RetrySignature"/>) or to withdraw it.
    /// <paramref name="reason"/> says why, in plain words; it becomes the note.
    /// </summary>
    public LetterProgress FailSignature(string reason)
    {
        this.Require(this.Stage == LetterStage.AwaitingSignature, "fail its digital signature");
        this.Require(!string.IsNullOrWhiteSpace(reason), "fail its digital signature without a reason");
        return this with { Stage = LetterStage.SignatureFailed, Pending = null, Note = reason };
    }

    /// <summary>
    /// An admin asked for the failed digital signature to be applied again: the letter awaits its signature once more,
    /// with no link pending (the signatory has signed), until it is signed (<see cref="Sign"/>) or fails again.
    /// </summary>
    public LetterProgress RetrySignature(string by, DateTimeOffset at, string? requestId = null)
    {
        this.RequireAllowed(LetterActionKind.SignatureRetried);
        var action = new LetterAction(LetterActionKind.SignatureRetried, by, at, RequestId: requestId);
        return this with { Stage = LetterStage.AwaitingSignature, Pending = null, Note = null, Actions = [.. this.Actions ?? [], action] };
    }

    /// <summary>Adds a batch of delivery outcomes; the last one completes distribution.</summary>
    public LetterProgress RecordDeliveries(int sent, int failed)
    {
        this.Require(this.Stage == LetterStage.Distributing, "record deliveries");
        this.Require(sent >= 0 && failed >= 0, "record a negative number of deliveries");
        var tally = this.Deliveries.Add(sent, failed);
        this.Require(tally.Sent + tally.Failed <= tally.Total, "record more deliveries than missions");
        return this with
        {
            Deliveries = tally,
            Stage = tally.Sent + tally.Failed == tally.Total ? LetterStage.Distributed : LetterStage.Distributing,
        };
    }

    /// <summary>Marks when the first copies went out.</summary>
    public LetterProgress StartDeliveries(DateTimeOffset at)
    {
        this.Require(this.Stage == LetterStage.Distributing, "start deliveries");
        return this with { Deliveries = this.Deliveries with { StartedAt = at, WaitingUntil = null, Waiting = null } };
    }

    /// <summary>Some copies wait until <paramref name="until"/> to be tried again, for <paramref name="why"/>; null clears it.</summary>
    public LetterProgress WaitForDeliveries(DateTimeOffset? until, string? why)
    {
        this.Require(this.Stage == LetterStage.Distributing, "wait for deliveries");
        return this with { Deliveries = this.Deliveries with { WaitingUntil = until, Waiting = until is null ? null : why } };
    }

    /// <summary>Ends the round because the pending link lapsed.</summary>
    public LetterProgress Expire(DateTimeOffset at)
    {
        this.Require(this.Stage is LetterStage.AwaitingApproval or LetterStage.AwaitingSignature && this.Pending is not null, "expire");
        string who = this.Pending!.Kind == LinkPurpose.Approval ? "approver" : "signatory";
        return this with
        {
            Stage = LetterStage.Expired,
            Pending = null,
            Note = $"The {who} {this.Pending.Actor} did not act before the link expired at {at:u}.",
        };
    }

    /// <summary>
    /// Ends the round because the pending request could not be delivered (the mail system refused the address, or
    /// kept failing): the letter goes back to the drafter, who corrects it and submits it again.
    /// </summary>
    public LetterProgress Undeliverable(string reason)
    {
        this.Require(this.Stage is LetterStage.AwaitingApproval or LetterStage.AwaitingSignature && this.Pending is not null, "report an undelivered request");
        string who = this.Pending!.Kind == LinkPurpose.Approval ? "approver" : "signatory";
        return this with
        {
            Stage = LetterStage.ChangesRequested,
            Pending = null,
            Note = $"The request to the {who} {this.Pending.Actor} could not be delivered. {reason} Correct the address and submit the letter again.",
        };
    }

    /// <summary>The withdrawal, once the letter was withdrawn.</summary>
    [JsonIgnore]
    public LetterAction? Withdrawal => this.Stage == LetterStage.Withdrawn ? this.Actions?.LastOrDefault(a => a.Kind == LetterActionKind.Withdrawn) : null;

    /// <summary>Everyone who was given a pending step in flight (replacements), in order.</summary>
    [JsonIgnore]
    public IEnumerable<string> Replacements => (this.Actions ?? []).Where(a => a.Kind == LetterActionKind.Replaced && a.Person is not null).Select(a => a.Person!);

    /// <summary>The replacement that made the link <paramref name="tokenId"/> stop working, if one did.</summary>
    public LetterAction? ReplacementOf(string tokenId) =>
        this.Actions?.LastOrDefault(a => a.Kind == LetterActionKind.Replaced && a.TokenId == tokenId);

    /// <summary>
    /// The replacement that gave the pending signature to the person it waits for, when the signatory was replaced in
    /// flight: its <see cref="LetterAction.PersonName"/> and <see cref="LetterAction.PersonTitle"/> are whom the letter
    /// is signed as. Null while the letter waits for anything else, or for a signatory nobody replaced.
    /// </summary>
    [JsonIgnore]
    public LetterAction? SignatoryReplacement => this.Pending is { Kind: LinkPurpose.Signature } p
        ? this.Actions?.LastOrDefault(a => a is { Kind: LetterActionKind.Replaced, Purpose: LinkPurpose.Signature } && string.Equals(a.Person, p.Actor, StringComparison.OrdinalIgnoreCase))
        : null;

    /// <summary>Which actions on the letter in flight are possible in its stage (for someone who may change the letter).</summary>
    public InFlightActions AllowedActions() => new(
        this.RefusalOf(LetterActionKind.Withdrawn) is null,
        this.RefusalOf(LetterActionKind.Reminded) is null,
        this.RefusalOf(LetterActionKind.Replaced) is null,
        this.RefusalOf(LetterActionKind.SignatureRetried) is null);

    /// <summary>Why <paramref name="kind"/> is not possible in the letter's stage, in plain words; null when it is.</summary>
    public string? RefusalOf(LetterActionKind kind)
    {
        string verb = kind switch
        {
            LetterActionKind.Withdrawn => "withdrawn",
            LetterActionKind.Reminded => "sent a reminder",
            LetterActionKind.SignatureRetried => "signed again",
            _ => "given to someone else",
        };
        string? over = this.Stage switch
        {
            LetterStage.Distributing or LetterStage.Distributed => $"The letter was signed on {InWords(this.SignedAt)}; it can no longer be {verb}.",
            LetterStage.Rejected => $"The letter was rejected; it is over and cannot be {verb}.",
            LetterStage.Expired => $"The letter's link expired before anyone acted; it is over and cannot be {verb}.",
            LetterStage.Withdrawn => $"The letter was already withdrawn{(this.Withdrawal is { } w ? $" by {w.By} on {InWords(w.At)}" : "")}; it cannot be {verb}.",
            _ => null,
        };
        // Pending nothing while awaiting its signature: the signatory has signed and the digital signature is being applied again.
        bool signing = this.Stage == LetterStage.AwaitingSignature && this.Pending is null;
        if (over is not null)
        {
            return over;
        }

        if (kind == LetterActionKind.SignatureRetried)
        {
            return this.Stage == LetterStage.SignatureFailed
                ? null
                : signing
                    ? "The letter's digital signature is being applied again right now; wait for the outcome."
                    : "The letter's digital signature has not failed, so there is nothing to retry.";
        }

        if (kind == LetterActionKind.Withdrawn)
        {
            return signing ? "The letter's digital signature is being applied again right now; it can be withdrawn only if signing fails again." : null;
        }

        return this.Pending is not null
            ? null
            : this.Stage switch
            {
                LetterStage.ChangesRequested => $"Changes were requested: the letter waits for the drafter, not for an approver or the signatory, so nobody can be {verb}.",
                LetterStage.SignatureFailed => $"The signatory has signed; the letter waits for an admin to retry its digital signature, so nobody can be {verb}.",
                LetterStage.AwaitingSignature => $"The signatory has signed; the letter's digital signature is being applied, so nobody can be {verb}.",
                LetterStage.Drafting when this.SubmittedAt is not null => "The letter was just submitted and its first approver is being asked; try again in a moment.",
                _ => $"The letter is a draft: nobody has been asked to approve or sign it yet, so nobody can be {verb}.",
            };
    }

    /// <summary>
    /// Withdraws the letter (final): allowed until it is signed, and while its digital signature has failed. The pending link, if any, stops working; the action
    /// records who, when and why.
    /// </summary>
    public LetterProgress Withdraw(string by, string reason, DateTimeOffset at, string? requestId = null)
    {
        this.RequireAllowed(LetterActionKind.Withdrawn);
        var action = new LetterAction(LetterActionKind.Withdrawn, by, at, reason, this.Pending?.Actor, null, this.Pending?.Kind, this.Pending?.Step, this.Pending?.TokenId, requestId);
        return this with
        {
            Stage = LetterStage.Withdrawn,
            Pending = null,
            Note = $"Withdrawn by {by} on {InWords(at)}: {reason}",
            Actions = [.. this.Actions ?? [], action],
        };
    }

    /// <summary>Records that the pending approver or signatory was sent the request again; the link stays the same.</summary>
    public LetterProgress Remind(string by, DateTimeOffset at, string? requestId = null)
    {
        this.RequireAllowed(LetterActionKind.Reminded);
        var p = this.Pending!;
        var action = new LetterAction(LetterActionKind.Reminded, by, at, null, p.Actor, null, p.Kind, p.Step, null, requestId);
        return this with { Pending = p with { RemindedAt = at }, Actions = [.. this.Actions ?? [], action] };
    }

    /// <summary>
    /// Gives the pending step to <paramref name="next"/> (same step and kind, another person, a new link): the old link
    /// stops working, and the action records who replaced whom and why, and for the signature the name and title the
    /// new signatory signs under (<paramref name="personName"/>, <paramref name="personTitle"/>).
    /// </summary>
    public LetterProgress Replace(
        PendingAction next, string by, string reason, DateTimeOffset at, string? requestId = null, string? personName = null, string? personTitle = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        this.RequireAllowed(LetterActionKind.Replaced);
        var p = this.Pending!;
        this.Require(next.Kind == p.Kind && next.Step == p.Step, "give a pending step to another step");
        this.Require(next.TokenId != p.TokenId, "replace a link with itself");
        this.Require(!string.Equals(next.Actor, p.Actor, StringComparison.OrdinalIgnoreCase), "replace a person with themselves");
        var action = new LetterAction(LetterActionKind.Replaced, by, at, reason, next.Actor, p.Actor, p.Kind, p.Step, p.TokenId, requestId, personName, personTitle);
        return this with { Pending = next, Actions = [.. this.Actions ?? [], action] };
    }

    /// <summary>A moment as the Office's pages and mails say it: "2 December 2026 at 14:05 UTC".</summary>
    public static string InWords(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture) : "an unknown date";

    private void RequireAllowed(LetterActionKind kind)
    {
        if (this.RefusalOf(kind) is { } why)
        {
            throw new InvalidTransitionException(why);
        }
    }

    private LetterProgress CloseRound() => this.Stage != LetterStage.ChangesRequested
        ? this
        : this with { EarlierRounds = [.. this.EarlierRounds ?? [], new ApprovalRound(this.Version, this.Approvals, this.Note)], Approvals = [], SubmittedAt = null };

    private void Require(bool condition, string action)
    {
        if (!condition)
        {
            throw new InvalidTransitionException(this.Stage, action);
        }
    }
}
