using Circulation.Archive;
using Circulation.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// GET api/health: 200 <c>{"status": "Healthy"}</c> only when the health checks of storage, the durable backend and
/// the mail server all pass, otherwise 503 <c>{"status": "Unhealthy"}</c>. The route is anonymous, so the answer says
/// nothing more (the health check service logs a failing check's name and error instead), and the result is cached
/// (<see cref="HealthOptions.CacheDuration"/>) so calls cannot make the app log in to the mail server on every request.
/// </summary>
public sealed class HealthEndpoint
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    // The Functions shell binds a durable client to each call and has none to inject, so the durable check takes the
    // client of the request that runs the checks.
    private static readonly AsyncLocal<DurableTaskClient?> RequestClient = new();
    private readonly HealthCheckService checks;
    private readonly HealthStatusCache cache;

    /// <summary>Creates the endpoint.</summary>
    public HealthEndpoint(HealthCheckService checks, TimeProvider clock, IOptions<HealthOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.checks = checks;
        this.cache = new HealthStatusCache(clock, options.Value.CacheDuration);
    }

    /// <summary>Registers the checks "storage", "durable" and "mail", each cancelled (and unhealthy) after a few seconds.</summary>
    public static void AddChecks(IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .Add(new HealthCheckRegistration("storage", sp => new ProbeHealthCheck(sp.GetRequiredService<LetterArchive>().ProbeAsync), null, null, ProbeTimeout))
            .Add(new HealthCheckRegistration("durable", _ => new ProbeHealthCheck(ProbeDurableAsync), null, null, ProbeTimeout))
            .Add(new HealthCheckRegistration("mail", sp => new ProbeHealthCheck(sp.GetRequiredService<IMailTransport>().ProbeAsync), null, null, ProbeTimeout));
    }

    /// <summary>Answers from the cached result, or runs every check at once.</summary>
    public async Task<IResult> CheckAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(client);
        bool healthy = await this.cache.GetAsync(async () =>
        {
            RequestClient.Value = client;
            var report = await this.checks.CheckHealthAsync();
            return report.Status == HealthStatus.Healthy;
        });
        return ApiResults.Json(
            new { status = healthy ? "Healthy" : "Unhealthy" },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task ProbeDurableAsync(CancellationToken cancellationToken)
    {
        var client = RequestClient.Value ?? throw new InvalidOperationException("The durable check runs only from GET api/health.");
        await foreach (var unused in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().WithCancellation(cancellationToken))
        {
            break;
        }
    }
}
