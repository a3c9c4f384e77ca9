namespace Circulation.Staff;

/// <summary>One person of the Office, as the staff directory lists them.</summary>
/// <param name="Email">Their e-mail address: how they sign in and where requests are sent.</param>
/// <param name="Name">Their name as printed (under a signature, in mails and pages).</param>
/// <param name="Title">Their title as printed, e.g. "President of the General Assembly".</param>
/// <param name="Roles">What they may do.</param>
/// <param name="Signature">For signatories: the PNG of their handwritten signature; null for everyone else.</param>
public sealed record StaffMember(string Email, string Name, string Title, IReadOnlySet<StaffRole> Roles, byte[]? Signature)
{
    /// <summary>True when the person holds <paramref name="role"/>.</summary>
    public bool Has(StaffRole role) => this.Roles.Contains(role);
}
