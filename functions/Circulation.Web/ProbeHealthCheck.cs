using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Circulation.Web;

/// <summary>
/// A health check that is healthy when its probe completes, and unhealthy with the probe's error when it throws. A probe
/// that outlasts the registration's timeout is cancelled and reported unhealthy by the health check service, which also
/// logs every unhealthy result with the check's name.
/// </summary>
public sealed class ProbeHealthCheck : IHealthCheck
{
    private readonly Func<CancellationToken, Task> probe;

    /// <summary>Creates the check around <paramref name="probe"/>.</summary>
    public ProbeHealthCheck(Func<CancellationToken, Task> probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        this.probe = probe;
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await this.probe(cancellationToken);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // A failing probe is an unhealthy result, not an error of the health check service.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(ex.Message.ReplaceLineEndings(" "), ex);
        }
    }
}
