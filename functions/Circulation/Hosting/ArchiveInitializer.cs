using Circulation.Archive;
using Microsoft.Extensions.Hosting;

namespace Circulation.Hosting;

/// <summary>Creates the archive's blob container at start-up, so the first letter does not race to create it.</summary>
internal sealed class ArchiveInitializer : IHostedService
{
    private readonly LetterArchive archive;

    public ArchiveInitializer(LetterArchive archive) => this.archive = archive;

    public Task StartAsync(CancellationToken cancellationToken) => this.archive.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
