namespace Circulation.Domain;

/// <summary>Which actions on a letter in flight are possible now (for the letter's page and its JSON: <c>actions</c>).</summary>
/// <param name="Withdraw">The letter may be withdrawn.</param>
/// <param name="Remind">The pending approver or signatory may be sent the request again.</param>
/// <param name="Replace">The pending approver or signatory may be replaced.</param>
/// <param name="RetrySignature">The digital signature, which failed, may be applied again (admins only).</param>
public sealed record InFlightActions(bool Withdraw, bool Remind, bool Replace, bool RetrySignature = false)
{
    /// <summary>Nothing may be done (someone who may not change the letter, or a letter that is over).</summary>
    public static InFlightActions None { get; } = new(false, false, false);
}
