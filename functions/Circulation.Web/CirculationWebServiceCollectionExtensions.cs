using Circulation.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Web;

/// <summary>
/// Wires all of Circulation for a shell (the Functions app and the local host): the core services
/// (<see cref="CirculationServiceCollectionExtensions.AddCirculationCore"/>) plus the HTTP handlers, pages and health endpoint.
/// </summary>
public static class CirculationWebServiceCollectionExtensions
{
    /// <summary>Adds the core services, then the web's options (validated at start-up), handlers and health checks.</summary>
    public static IServiceCollection AddCirculation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddCirculationCore(configuration);
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RequestGuard>();
        services.AddSingleton<LetterApi>();
        services.AddSingleton<DeliveryApi>();
        services.AddSingleton<LetterCommandApi>();
        services.AddSingleton<DraftApi>();
        services.AddSingleton<LetterVersionsApi>();
        services.AddSingleton<DocumentApi>();
        services.AddSingleton<LinkAccess>();
        services.AddSingleton<LinkPages>();
        services.AddSingleton<StaffPages>();
        services.AddSingleton<HealthEndpoint>();
        HealthEndpoint.AddChecks(services.AddHealthChecks());
        services.AddSingleton<LetterIntake>();
        services.AddSingleton<PeopleApi>();
        services.AddSingleton<VerificationBudget>();
        services.AddSingleton<VerifyPages>();
        return services;
    }
}
