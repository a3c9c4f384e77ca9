using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Circulation.Telemetry;

/// <summary>OpenTelemetry for both shells: Circulation's spans and logs (with their scopes), and where they go.</summary>
public static class CirculationTelemetryExtensions
{
    /// <summary>The Application Insights connection string (Azure); when set, traces and logs go to Azure Monitor.</summary>
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>"ClientId=&lt;managed identity&gt;;Authorization=AAD": Application Insights accepts only Entra-authenticated telemetry.</summary>
    public const string AzureMonitorAuthenticationKey = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>An OTLP collector (e.g. a local Aspire dashboard or Jaeger); when set, traces and logs go there.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>"console" prints every span to the console (locally).</summary>
    public const string TracesExporterKey = "OTEL_TRACES_EXPORTER";

    /// <summary>
    /// Adds OpenTelemetry tracing and logging. <paramref name="configure"/> lets a shell add its own instrumentation (the
    /// Functions worker's defaults) before the exporters are chosen from configuration.
    /// </summary>
    public static IServiceCollection AddCirculationTelemetry(
        this IServiceCollection services, IConfiguration configuration, Action<OpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? azureMonitor = configuration[AzureMonitorConnectionStringKey];
        string? authentication = configuration[AzureMonitorAuthenticationKey];
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        bool console = string.Equals(configuration[TracesExporterKey], "console", StringComparison.OrdinalIgnoreCase);

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("circulation"))
            .WithTracing(tracing =>
            {
                tracing.AddSource(LetterTelemetry.SourceName);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithLogging(
                logging =>
                {
                    if (otlp)
                    {
                        logging.AddOtlpExporter();
                    }
                },
                options => options.IncludeScopes = true);
        configure?.Invoke(builder);

        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            builder.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor;
                if (ManagedIdentityOf(authentication) is { } credential)
                {
                    options.Credential = credential;
                }
            });
        }

        return services;
    }

    /// <summary>The managed identity named by an Application Insights authentication string, or null.</summary>
    internal static TokenCredential? ManagedIdentityOf(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication))
        {
            return null;
        }

        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out string? kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return parts.TryGetValue("ClientId", out string? clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
