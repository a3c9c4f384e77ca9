namespace Circulation.Access;

/// <summary>Who made a request: nobody signed in, someone not in the staff directory, or a person of the Office.</summary>
/// <param name="Staff">The person of the Office, when the request is theirs.</param>
/// <param name="SignedInAs">The address of whoever is signed in, also when they are not in the directory.</param>
public sealed record Identification(SignedInStaff? Staff, string? SignedInAs)
{
    /// <summary>Nobody is signed in.</summary>
    public bool IsAnonymous => this.SignedInAs is null;
}
