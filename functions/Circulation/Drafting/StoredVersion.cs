using Circulation.Archive;

namespace Circulation.Drafting;

/// <summary>One archived version of a letter: its JSON, its rendered PDF (once rendered) and whether it was submitted.</summary>
/// <param name="Version">The version number.</param>
/// <param name="Json">The version's JSON file.</param>
/// <param name="Pdf">The version's unsigned PDF, or null while it is not rendered yet.</param>
/// <param name="Submitted">True once the version was submitted for approval.</param>
public sealed record StoredVersion(int Version, ArchivedFile Json, ArchivedFile? Pdf, bool Submitted);
