namespace Circulation.Distribution;

/// <summary>
/// The answer to a claim of a mission's next resend (<see cref="DeliveryRecords.ClaimResendAsync"/>): granted, or refused
/// because another resend is pending or the mission has had its share.
/// </summary>
/// <param name="Granted">True when the resend may go ahead (the claim is written, or it was this request's already).</param>
/// <param name="Count">Resends claimed for the mission, this one included when granted.</param>
/// <param name="PendingKey">When refused for a pending resend: that resend's request key.</param>
/// <param name="PendingBy">Who asked for the pending resend.</param>
/// <param name="PendingSince">When the pending resend was asked for.</param>
public sealed record ResendClaim(bool Granted, int Count, string? PendingKey = null, string? PendingBy = null, DateTimeOffset? PendingSince = null)
{
    /// <summary>True when refused because the mission has had as many resends as allowed.</summary>
    public bool LimitReached => !this.Granted && this.PendingKey is null;
}
