namespace Circulation.Drafting;

/// <summary>A person who signed an enclosed letter (they sign outside Circulation, so no link is sent).</summary>
/// <param name="Name">The typed name under the signature.</param>
/// <param name="Title">The title line, e.g. "Ambassador and Permanent Representative of Georgia".</param>
/// <param name="Email">Optional: their address, kept with the letter. Enclosed letters are signed outside Circulation, so
/// they always print "(Signed)" above the name, as the United Nations does for copies, never a signature image.</param>
public sealed record EnclosureSignatory(string Name, string Title, string? Email = null);
