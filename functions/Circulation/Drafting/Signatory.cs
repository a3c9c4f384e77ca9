namespace Circulation.Drafting;

/// <summary>The person who signs a letter.</summary>
/// <param name="Name">Typed name under the signature.</param>
/// <param name="Title">Title line, e.g. "President of the General Assembly".</param>
/// <param name="Email">Where the signature request is sent.</param>
public sealed record Signatory(string Name, string Title, string Email);
