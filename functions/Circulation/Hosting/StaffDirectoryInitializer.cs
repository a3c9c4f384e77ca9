using Circulation.Staff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Circulation.Hosting;

/// <summary>Loads and validates the staff directory at start-up, so a directory with a problem stops the app before anyone signs in.</summary>
internal sealed class StaffDirectoryInitializer : IHostedService
{
    private readonly IServiceProvider services;

    public StaffDirectoryInitializer(IServiceProvider services) => this.services = services;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = this.services.GetRequiredService<StaffDirectory>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
