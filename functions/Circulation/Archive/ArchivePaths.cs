using System.Globalization;

namespace Circulation.Archive;

/// <summary>Deterministic names of the files in a letter's archive, so retries land on the same blob.</summary>
public static class ArchivePaths
{
    /// <summary>
    /// The archive folder of uploaded PDF documents (enclosures), beside the letters' folders; letter ids start
    /// with "L", so it cannot clash with a letter's folder.
    /// </summary>
    public const string DocumentsFolder = "documents";

    /// <summary>The manifest: hashes of every file, approvals, deliveries.</summary>
    public const string Manifest = "manifest.json";

    /// <summary>The signed PDF, as distributed.</summary>
    public const string SignedPdf = "signed.pdf";

    /// <summary>A version's JSON.</summary>
    public static string VersionJson(int version) => string.Create(CultureInfo.InvariantCulture, $"versions/v{version:000}.json");

    /// <summary>A version's rendered (unsigned) PDF.</summary>
    public static string VersionPdf(int version) => string.Create(CultureInfo.InvariantCulture, $"versions/v{version:000}.pdf");

    /// <summary>The folder of every version's JSON and PDF.</summary>
    public const string VersionsFolder = "versions/";

    /// <summary>The folder of the submission records.</summary>
    public const string SubmissionsFolder = "submissions/";

    /// <summary>The record that a version was submitted for approval (claimed once, create-only).</summary>
    public static string Submission(int version) => string.Create(CultureInfo.InvariantCulture, $"submissions/v{version:000}.json");

    /// <summary>An approver's decision on a version.</summary>
    public static string Decision(int version, int step) => string.Create(CultureInfo.InvariantCulture, $"approvals/v{version:000}-step{step + 1}.json");

    /// <summary>The signature record.</summary>
    public static string Signature(int version) => string.Create(CultureInfo.InvariantCulture, $"signature/v{version:000}.json");

    /// <summary>The record that an e-mailed link has been used (claimed once, create-only).</summary>
    public static string LinkUse(string tokenId) => $"{LinksFolder}{tokenId}.json";

    /// <summary>An uploaded document's PDF in <see cref="DocumentsFolder"/>, named by its content (its SHA-256).</summary>
    public static string DocumentPdf(string documentId) => $"{documentId}.pdf";

    /// <summary>An uploaded document's description (name, pages, size) in <see cref="DocumentsFolder"/>.</summary>
    public static string DocumentInfo(string documentId) => $"{documentId}.json";

    /// <summary>
    /// True for working state, kept out of the write-once archive container: claims that are withdrawn by deleting them
    /// (link uses, submission records) and uploaded documents, which wait there until a letter encloses them.
    /// </summary>
    public static bool IsWorkingState(string letterId, string name) =>
        letterId == DocumentsFolder
        || name.StartsWith(LinksFolder, StringComparison.Ordinal)
        || name.StartsWith(SubmissionsFolder, StringComparison.Ordinal);

    /// <summary>The folder of the link-use claims.</summary>
    public const string LinksFolder = "links/";
}
