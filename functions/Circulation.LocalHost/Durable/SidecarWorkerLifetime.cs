namespace Circulation.LocalHost.Durable;

/// <summary>
/// Starts and stops the in-process Durable Task worker around the web server rather than alongside it.
/// </summary>
/// <remarks>
/// The worker holds a never-ending GetWorkItems stream open on the sidecar. The web host stops its
/// server first (it is the last hosted service, so first to stop), and Kestrel then waits for that
/// stream until the shutdown timeout: ~30 s of hang. Stopping the worker in <see cref="StoppingAsync"/>,
/// which runs before any hosted service's StopAsync, cancels the stream so Kestrel drains at once.
/// Starting it in <see cref="StartedAsync"/>, after Kestrel listens, spares a refused first connection
/// and the worker's reconnect back-off.
/// </remarks>
internal sealed class SidecarWorkerLifetime(IHostedService worker) : IHostedLifecycleService
{
    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => worker.StartAsync(cancellationToken);

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => worker.StopAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
