using System.Diagnostics;
using Circulation.Archive;
using Circulation.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>GET api/health: 200 only when storage, the durable backend and the mail server all answer.</summary>
public sealed class HealthEndpoint
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly LetterArchive archive;
    private readonly IMailTransport mail;

    /// <summary>Creates the endpoint.</summary>
    public HealthEndpoint(LetterArchive archive, IMailTransport mail)
    {
        this.archive = archive;
        this.mail = mail;
    }

    /// <summary>Probes every dependency at once, each within a few seconds.</summary>
    public async Task<IResult> CheckAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(client);
        var checks = await Task.WhenAll(
            ProbeAsync("storage", this.archive.ProbeAsync),
            ProbeAsync("durable", async ct =>
            {
                await foreach (var unused in client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1 }).AsPages().WithCancellation(ct))
                {
                    break;
                }
            }),
            ProbeAsync("mail", this.mail.ProbeAsync));
        bool healthy = checks.All(c => c.Healthy);
        return ApiResults.Json(
            new { status = healthy ? "Healthy" : "Unhealthy", checks = checks.ToDictionary(c => c.Name, c => new { healthy = c.Healthy, milliseconds = c.Milliseconds, error = c.Error }) },
            healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<ProbeResult> ProbeAsync(string name, Func<CancellationToken, Task> probe)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        try
        {
            await probe(timeout.Token);
            return new ProbeResult(name, true, watch.ElapsedMilliseconds, null);
        }
#pragma warning disable CA1031 // A health probe reports any failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            string error = timeout.IsCancellationRequested ? $"No answer within {ProbeTimeout.TotalSeconds:0} s." : ex.Message;
            return new ProbeResult(name, false, watch.ElapsedMilliseconds, error);
        }
    }

    private sealed record ProbeResult(string Name, bool Healthy, long Milliseconds, string? Error);
}
