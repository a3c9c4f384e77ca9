using Circulation.Staff;

namespace Circulation.Access;

/// <summary>A signed-in person of the Office, with the roles they hold now.</summary>
/// <param name="Person">Their staff directory entry.</param>
/// <param name="Roles">Their roles (from the directory, or from the token's app roles).</param>
public sealed record SignedInStaff(StaffMember Person, IReadOnlySet<StaffRole> Roles)
{
    /// <summary>Their e-mail address.</summary>
    public string Email => this.Person.Email;

    /// <summary>True when they hold <paramref name="role"/>.</summary>
    public bool Has(StaffRole role) => this.Roles.Contains(role);

    /// <summary>True when <paramref name="email"/> is theirs.</summary>
    public bool Is(string? email) => string.Equals(this.Email, email?.Trim(), StringComparison.OrdinalIgnoreCase);
}
