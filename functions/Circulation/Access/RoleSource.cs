namespace Circulation.Access;

/// <summary>Where a signed-in person's roles come from.</summary>
public enum RoleSource
{
    /// <summary>The staff directory's "roles" (the default).</summary>
    Directory,

    /// <summary>The app roles in the sign-in token (Microsoft Entra app roles "drafter", "approver", "signatory", "admin").</summary>
    AppRoles,
}
