using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Circulation.LocalHost.Durable;

/// <summary>
/// The one gRPC channel the in-process worker and client share to reach the sidecar on 127.0.0.1.
/// A holder type (rather than a bare <see cref="GrpcChannel"/> singleton) so nothing else in DI collides with it.
/// </summary>
internal sealed class SidecarChannel : IDisposable
{
    /// <summary>Histories and fan-out results of a circulation to every mission can exceed gRPC's 4 MB default.</summary>
    internal const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <summary>Creates the channel for the configured sidecar port.</summary>
    public SidecarChannel(IOptions<LocalHostOptions> options)
    {
        this.Channel = GrpcChannel.ForAddress(
            new Uri($"http://127.0.0.1:{options.Value.SidecarPort}"),
            new GrpcChannelOptions { MaxReceiveMessageSize = MaxMessageBytes, MaxSendMessageSize = MaxMessageBytes });
    }

    /// <summary>The shared channel.</summary>
    public GrpcChannel Channel { get; }

    /// <inheritdoc />
    public void Dispose() => this.Channel.Dispose();
}
