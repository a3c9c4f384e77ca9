using System.Security.Claims;
using Circulation.Domain;
using Circulation.Staff;
using Microsoft.Extensions.Options;

namespace Circulation.Access;

/// <summary>
/// The one place that decides what each person may do. Both shells turn their sign-in (Easy Auth's header, the local
/// cookie) into a <see cref="ClaimsPrincipal"/>; this maps it to a person of the staff directory and answers each
/// question with null (allowed) or the reason it is not, in words for the person.
/// </summary>
public sealed class StaffAccess
{
    private readonly StaffDirectory staff;
    private readonly AuthOptions options;

    /// <summary>Creates the policy.</summary>
    public StaffAccess(StaffDirectory staff, IOptions<AuthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.staff = staff;
        this.options = options.Value;
    }

    /// <summary>Who <paramref name="principal"/> is: a person of the Office only when the directory lists their address.</summary>
    public Identification Identify(ClaimsPrincipal? principal)
    {
        string? email = StaffClaims.EmailOf(principal);
        if (email is null)
        {
            return new Identification(null, principal?.Identity?.IsAuthenticated == true ? principal.Identity.Name ?? "(no e-mail address)" : null);
        }

        if (this.staff.Find(email) is not { } person)
        {
            return new Identification(null, email);
        }

        IReadOnlySet<StaffRole> roles = this.options.RolesFrom == RoleSource.Directory
            ? person.Roles
            : StaffClaims.AppRolesOf(principal!)
                .Select(r => Enum.TryParse(r, ignoreCase: true, out StaffRole role) && Enum.IsDefined(role) ? role : (StaffRole?)null)
                .OfType<StaffRole>()
                .ToHashSet();
        return new Identification(new SignedInStaff(person, roles), person.Email);
    }

    /// <summary>Why <paramref name="who"/> may not write, preview or upload for letters; null when they may.</summary>
    public static string? RefuseCompose(SignedInStaff who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.Has(StaffRole.Drafter) || who.Has(StaffRole.Admin)
            ? null
            : $"{who.Person.Name} ({who.Email}) does not have the drafter role, so cannot write letters.";
    }

    /// <summary>
    /// Why <paramref name="who"/> may not see a letter; null when they may: its drafter, an admin, or a person it
    /// concerns (its approvers and signatory, who receive it by e-mail anyway).
    /// </summary>
    public static string? RefuseRead(SignedInStaff who, LetterParties letter)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(letter);
        return who.Has(StaffRole.Admin) || who.Is(letter.Drafter) || who.Is(letter.Signatory) || letter.Approvers.Any(who.Is)
            ? null
            : $"This letter was drafted by {letter.Drafter}; only its drafter, its approvers and signatory, and admins can see it.";
    }

    /// <summary>Why <paramref name="who"/> may not edit or submit a letter; null when they may: its drafter or an admin.</summary>
    public static string? RefuseChange(SignedInStaff who, LetterParties letter)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(letter);
        return who.Has(StaffRole.Admin) || (who.Is(letter.Drafter) && who.Has(StaffRole.Drafter))
            ? null
            : $"This letter was drafted by {letter.Drafter}; only its drafter and admins can change it.";
    }

    /// <summary>Why <paramref name="who"/> may not act on a link sent to <paramref name="actor"/>; null when they may.</summary>
    public static string? RefuseLink(SignedInStaff who, string actor, LinkPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (!who.Is(actor))
        {
            return $"This link was sent to {actor}; sign in as {actor}.";
        }

        var needed = purpose == LinkPurpose.Signature ? StaffRole.Signatory : StaffRole.Approver;
        return who.Has(needed) ? null : $"{who.Person.Name} no longer has the {needed.ToString().ToLowerInvariant()} role, so cannot act on this letter.";
    }

    /// <summary>Why <paramref name="who"/> may not do what only admins may; null when they are an admin.</summary>
    public static string? RefuseUnlessAdmin(SignedInStaff who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.Has(StaffRole.Admin) ? null : $"{who.Person.Name} ({who.Email}) is not an admin; only admins can do this.";
    }

    /// <summary>True when <paramref name="who"/> sees every letter, not only their own.</summary>
    public static bool SeesAllLetters(SignedInStaff who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return who.Has(StaffRole.Admin);
    }
}
