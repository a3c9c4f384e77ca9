using Circulation.Access;
using Circulation.Functions.Access;
using Circulation.Telemetry;
using Circulation.Web;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Circulation.Functions.Hosting;

/// <summary>Everything the Functions app registers; Program.cs calls it, and a test holds the Bicep template against it.</summary>
public static class FunctionsAppServices
{
    /// <summary>The shared Circulation services plus OpenTelemetry with the Functions worker's instrumentation.</summary>
    public static IServiceCollection AddCirculationFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCirculation(configuration);
        // In Azure people sign in through App Service Authentication, whatever the settings say.
        services.PostConfigure<AuthOptions>(o => o.Mode = AuthMode.EasyAuth);
        // The header that names the signed-in person is trusted only where App Service Authentication writes it.
        services.AddOptions<PlatformAuthOptions>()
            .Configure(o => o.AuthEnabled = configuration[PlatformAuthOptions.AuthEnabledSetting])
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlatformAuthOptions>, PlatformAuthOptionsValidator>();
        services.AddCirculationTelemetry(configuration, otel => otel.UseFunctionsWorkerDefaults());
        return services;
    }
}
