namespace Circulation.Mail;

/// <summary>How the Graph transport signs in (setting <c>Mail:Graph:Credential</c>).</summary>
public enum GraphCredentialKind
{
    /// <summary>The app's managed identity (in Azure; locally the emulator's IDENTITY_ENDPOINT/IDENTITY_HEADER).</summary>
    ManagedIdentity,

    /// <summary>An Entra app registration's client secret (self-hosting).</summary>
    ClientSecret,
}
