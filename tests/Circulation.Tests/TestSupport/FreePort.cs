using System.Net;
using System.Net.Sockets;

namespace Circulation.Tests.TestSupport;

/// <summary>Finds a TCP port nobody listens on right now (the OS picks it).</summary>
public static class FreePort
{
    public static int Find()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
