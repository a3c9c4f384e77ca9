using System.Security.Cryptography;
using Circulation.Archive;

namespace Circulation.Approval;

/// <summary>
/// A version's rendition: its archived unsigned PDF, exactly the bytes an approval or signature request attaches and
/// the link's page shows, with their SHA-256, to which the link and the decision are bound.
/// </summary>
/// <param name="Pdf">The PDF's bytes.</param>
/// <param name="Sha256">Their lower-case hex SHA-256.</param>
public sealed record Rendition(byte[] Pdf, string Sha256)
{
    /// <summary>The lower-case hex SHA-256 of <paramref name="pdf"/>.</summary>
    public static string Sha256Of(ReadOnlySpan<byte> pdf) => Convert.ToHexStringLower(SHA256.HashData(pdf));

    /// <summary>
    /// Reads the rendition of <paramref name="version"/> from the archive and hashes the bytes read.
    /// </summary>
    /// <param name="archive">The archive.</param>
    /// <param name="letterId">The letter.</param>
    /// <param name="version">The version.</param>
    /// <param name="expectedSha256">The hash the workflow recorded when it rendered the version, if it did.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidOperationException">The version has no PDF, or not the one the workflow recorded.</exception>
    public static async Task<Rendition> ReadAsync(LetterArchive archive, string letterId, int version, string? expectedSha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        byte[] pdf = await archive.ReadAsync(letterId, ArchivePaths.VersionPdf(version), cancellationToken)
            ?? throw new InvalidOperationException($"Letter {letterId} version {version} has no rendered PDF.");
        string sha256 = Sha256Of(pdf);
        if (expectedSha256 is not null && !string.Equals(sha256, expectedSha256, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Letter {letterId} version {version}: the archived PDF's SHA-256 is {sha256}, not the {expectedSha256} rendered.");
        }

        return new Rendition(pdf, sha256);
    }
}
