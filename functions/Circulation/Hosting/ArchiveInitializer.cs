using Circulation.Archive;
using Circulation.Distribution;
using Circulation.ReadModel;
using Circulation.Verification;
using Microsoft.Extensions.Hosting;

namespace Circulation.Hosting;

/// <summary>Creates the archive's blob containers, the deliveries table, the read model's tables and the verification index at start-up, so the first letter does not race to create them.</summary>
internal sealed class ArchiveInitializer : IHostedService
{
    private readonly LetterArchive archive;
    private readonly DeliveryRecords deliveries;
    private readonly LetterReadModel readModel;
    private readonly VerificationIndex verification;

    public ArchiveInitializer(LetterArchive archive, DeliveryRecords deliveries, LetterReadModel readModel, VerificationIndex verification)
    {
        this.verification = verification;
        this.archive = archive;
        this.deliveries = deliveries;
        this.readModel = readModel;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.archive.EnsureCreatedAsync(cancellationToken);
        await this.deliveries.EnsureCreatedAsync(cancellationToken);
        await this.readModel.EnsureCreatedAsync(cancellationToken);
        await this.verification.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
