using Circulation.Archive;
using Circulation.Distribution;
using Circulation.ReadModel;
using Microsoft.Extensions.Hosting;

namespace Circulation.Hosting;

/// <summary>Creates the archive's blob containers the deliveries table and the read model's tables at start-up, so the first letter does not race to create them.</summary>
internal sealed class ArchiveInitializer : IHostedService
{
    private readonly LetterArchive archive;
    private readonly DeliveryRecords deliveries;
    private readonly LetterReadModel readModel;

    public ArchiveInitializer(LetterArchive archive, DeliveryRecords deliveries, LetterReadModel readModel)
    {
        this.archive = archive;
        this.deliveries = deliveries;
        this.readModel = readModel;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.archive.EnsureCreatedAsync(cancellationToken);
        await this.deliveries.EnsureCreatedAsync(cancellationToken);
        await this.readModel.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
