using System.Diagnostics;
using Circulation.Archive;
using Circulation.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// GET api/health: 200 <c>{"status": "Healthy"}</c> only when storage, the durable backend and the mail server all
/// answer, otherwise 503 <c>{"status": "Unhealthy"}</c>. The route is anonymous, so the answer says nothing more (no
/// check names, errors or timings: a failing check is logged instead), and the probe result is cached
/// (<see cref="HealthOptions.CacheDuration"/>) so calls cannot make the app log in to the mail server on every request.
/// </summary>
public sealed partial class HealthEndpoint
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly LetterArchive archive;
    private readonly IMailTransport mail;
    private readonly HealthStatusCache cache;
    private readonly ILogger<HealthEndpoint> logger;

    /// <summary>Creates the endpoint.</summary>
    public HealthEndpoint(LetterArchive archive, IMailTransport mail, TimeProvider clock, IOptions<HealthOptions> options, ILogger<HealthEndpoint> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.archive = archive;
        this.mail = mail;
        this.cache = new HealthStatusCache(clock, options.Value.CacheDuration);
        this.logger = logger;
    }

    /// <summary>Answers from the cached probe, or probes every dependency at once, each within a few seconds.</summary>
    public async Task<IResult> CheckAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(client);
        bool healthy = await this.cache.GetAsync(() => this.ProbeAllAsync(client));
        return ApiResults.Json(
            new { status = healthy ? "Healthy" : "Unhealthy" },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<bool> ProbeAllAsync(DurableTaskClient client)
    {
        var checks = await Task.WhenAll(
            this.ProbeAsync("storage", this.archive.ProbeAsync),
            this.ProbeAsync("durable", async ct =>
            {
                await foreach (var unused in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().WithCancellation(ct))
                {
                    break;
                }
            }),
            this.ProbeAsync("mail", this.mail.ProbeAsync));
        return checks.All(healthy => healthy);
    }

    private async Task<bool> ProbeAsync(string name, Func<CancellationToken, Task> probe)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return true;
        }
#pragma warning disable CA1031 // A health probe reports any failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            bool timedOut = timeout.IsCancellationRequested;
            string error = timedOut ? $"No answer within {ProbeTimeout.TotalSeconds:0} s." : ex.Message.ReplaceLineEndings(" ");
            this.LogCheckFailed(timedOut ? null : ex, name, watch.ElapsedMilliseconds, error);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check '{Check}' failed after {Milliseconds} ms: {Error}")]
    private partial void LogCheckFailed(Exception? exception, string check, long milliseconds, string error);
}
