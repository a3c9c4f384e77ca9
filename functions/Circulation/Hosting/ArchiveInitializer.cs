using Circulation.Archive;
using Circulation.Distribution;
using Microsoft.Extensions.Hosting;

namespace Circulation.Hosting;

/// <summary>Creates the archive's blob containers and the deliveries table at start-up, so the first letter does not race to create them.</summary>
internal sealed class ArchiveInitializer : IHostedService
{
    private readonly LetterArchive archive;
    private readonly DeliveryRecords deliveries;

    public ArchiveInitializer(LetterArchive archive, DeliveryRecords deliveries)
    {
        this.archive = archive;
        this.deliveries = deliveries;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await this.archive.EnsureCreatedAsync(cancellationToken);
        await this.deliveries.EnsureCreatedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
