namespace Circulation.Web;

/// <summary>Who may call a route; <see cref="RequestGuard"/> enforces it before the handler runs.</summary>
public enum RouteAccess
{
    /// <summary>Anyone: the health check, static assets, the OpenAPI document and the public verification only.</summary>
    Public,

    /// <summary>Any signed-in person of the Office (pages, lists; link pages then check the link's addressee).</summary>
    Staff,

    /// <summary>Drafters and admins: writing, previewing and uploading for letters.</summary>
    Compose,

    /// <summary>The letter's drafter, approvers, signatory, and admins.</summary>
    ReadLetter,

    /// <summary>The letter's drafter and admins.</summary>
    ChangeLetter,

    /// <summary>Admins only (e.g. retrying a letter's failed signature).</summary>
    Admin,
}
