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
public sealed record LetterProgress(
    string LetterId,
    string Subject,
    LetterStage Stage,
    int Version,
    IReadOnlyList<ApprovalRecord> Approvals,
    PendingAction? Pending,
    DeliveryTally Deliveries,
    DateTimeOffset? SignedAt = null,
    string? Note = null)
{
    /// <summary>A new letter in drafting.</summary>
    public static LetterProgress Start(string letterId, string subject, int version) =>
        new(letterId, subject, LetterStage.Drafting, version, [], null, DeliveryTally.None);

    /// <summary>True once the round can change no more.</summary>
    public bool IsFinal => this.Stage is LetterStage.Distributed or LetterStage.ChangesRequested or LetterStage.Rejected or LetterStage.Expired;

    /// <summary>Sends the letter to the approver at <paramref name="pending"/>'s step.</summary>
    public LetterProgress AwaitApproval(PendingAction pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        this.Require(pending.Kind == LinkPurpose.Approval, "wait for an approval with a signature link");
        this.Require(this.Stage is LetterStage.Drafting or LetterStage.AwaitingApproval && this.Pending is null, "start an approval step");
        this.Require(pending.Step == this.Approvals.Count, "skip or repeat an approval step");
        return this with { Stage = LetterStage.AwaitingApproval, Pending = pending };
    }

    /// <summary>Records the pending approver's decision.</summary>
    public LetterProgress Decide(ApprovalDecision decision, string comment, DateTimeOffset at)
    {
        this.Require(this.Stage == LetterStage.AwaitingApproval && this.Pending is { Kind: LinkPurpose.Approval }, "record an approval decision");
        var record = new ApprovalRecord(this.Pending!.Step, this.Pending.Actor, decision, comment, at);
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

    private void Require(bool condition, string action)
    {
        if (!condition)
        {
            throw new InvalidTransitionException(this.Stage, action);
        }
    }
}
