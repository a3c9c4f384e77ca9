using System.ComponentModel.DataAnnotations;

namespace Circulation.LocalHost.Durable;

/// <summary>The local host's listening ports (configuration section <c>LocalHost</c>); both bind to 127.0.0.1 only.</summary>
public sealed class LocalHostOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "LocalHost";

    /// <summary>The HTTP/1.1 port serving the staff form and the other web routes.</summary>
    [Range(1, 65535)]
    public int WebPort { get; set; } = 7071;

    /// <summary>The HTTP/2 (cleartext) port serving only the Durable Task gRPC sidecar.</summary>
    [Range(1, 65535)]
    public int SidecarPort { get; set; } = 7072;
}
