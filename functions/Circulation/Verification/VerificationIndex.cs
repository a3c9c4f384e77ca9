using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Circulation.Signature;

namespace Circulation.Verification;

/// <summary>
/// The hash index behind GET /verify: one row per signed PDF, keyed by its SHA-256, written create-only when the signed
/// PDF is archived and marked circulated when its distribution starts. Only rows marked circulated are answered.
/// </summary>
public sealed class VerificationIndex
{
    private readonly TableClient table;
    private int created;

    /// <summary>Creates the index over <paramref name="table"/>.</summary>
    public VerificationIndex(TableClient table) => this.table = table;

    /// <summary>Creates the table if it does not exist.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await this.table.CreateIfNotExistsAsync(cancellationToken);
        Volatile.Write(ref this.created, 1);
    }

    /// <summary>
    /// Records the signed PDF of <paramref name="signature"/> (not yet circulated). Create-only: a row already there (a
    /// retried step) is left as it is.
    /// </summary>
    public async Task RecordSignedAsync(SignatureRecord signature, string subject, DateOnly letterDate, CancellationToken cancellationToken)
    {
        await this.EnsureCreatedOnceAsync(cancellationToken);
        try
        {
            await this.table.AddEntityAsync(Row(signature, subject, letterDate), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already recorded: the signed PDF is archived once, so the row says the same.
        }
    }

    /// <summary>
    /// Marks the signed PDF of <paramref name="signature"/> circulated to <paramref name="distributionList"/>
    /// (<paramref name="missions"/> missions) from <paramref name="circulatedAt"/>. Writing the same values again changes nothing.
    /// </summary>
    public async Task MarkCirculatedAsync(
        SignatureRecord signature, string subject, DateOnly letterDate, string distributionList, int missions, DateTimeOffset circulatedAt, CancellationToken cancellationToken)
    {
        await this.EnsureCreatedOnceAsync(cancellationToken);
        var row = Row(signature, subject, letterDate);
        row.DistributionList = distributionList;
        row.Missions = missions;
        row.CirculatedAt = circulatedAt;
        await this.table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The circulated letter whose signed PDF has the SHA-256 <paramref name="sha256"/> (lower-case hex); null for any other file.</summary>
    public async Task<VerifiedLetter?> FindCirculatedAsync(string sha256, CancellationToken cancellationToken)
    {
        NullableResponse<VerificationEntity> found;
        try
        {
            found = await this.table.GetEntityIfExistsAsync<VerificationEntity>(sha256, VerificationEntity.LetterRow, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null; // No table yet: nothing was ever signed here.
        }

        return found.HasValue && found.Value is { CirculatedAt: { } circulatedAt } row
            ? new VerifiedLetter(
                row.LetterId, row.Subject, DateOnly.ParseExact(row.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), row.Signatory, row.Title, row.SignedAt,
                row.DistributionList ?? "", row.Missions ?? 0, circulatedAt)
            : null;
    }

    private static VerificationEntity Row(SignatureRecord signature, string subject, DateOnly letterDate)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new VerificationEntity
        {
            PartitionKey = signature.SignedPdfSha256,
            LetterId = signature.LetterId,
            Subject = subject,
            Date = (signature.LetterDate ?? letterDate).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Signatory = signature.Signatory.Name,
            Title = signature.Signatory.Title,
            SignedAt = signature.SignedAt,
        };
    }

    private async Task EnsureCreatedOnceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref this.created) == 0)
        {
            await this.EnsureCreatedAsync(cancellationToken);
        }
    }
}
