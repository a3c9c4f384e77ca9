namespace Circulation.LocalHost.Durable;

/// <summary>
/// Keeps the two listeners apart by the connection's local port (not the spoofable Host header):
/// sidecar endpoints answer only on the sidecar port, and nothing else answers there.
/// </summary>
internal sealed class SidecarPortGate(RequestDelegate next, int sidecarPort)
{
    /// <summary>Marks an endpoint as belonging to the sidecar port.</summary>
    internal sealed class SidecarEndpoint;

    /// <summary>Rejects a request whose endpoint and listener do not match with 404.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        bool onSidecarPort = context.Connection.LocalPort == sidecarPort;
        bool isSidecarEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<SidecarEndpoint>() is not null;
        if (onSidecarPort != isSidecarEndpoint)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
