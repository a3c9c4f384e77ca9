using System.Net;
using System.Net.Sockets;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>
/// GET /api/health answers only Healthy or Unhealthy (it is anonymous): which of storage, the durable backend and the
/// mail server failed, and why, goes to the host's log.
/// </summary>
[Collection(Collections.Input)]
public sealed class HealthTests(InputHostFixture fixture)
{
    [Fact]
    public async Task HealthyStack_Returns200_WithTheStatusOnly()
    {
        var (status, body) = await fixture.Api.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var property = Assert.Single(body.EnumerateObject());
        Assert.Equal("status", property.Name);
        Assert.Equal("Healthy", property.Value.GetString());
    }

    [Fact]
    public async Task MailServerDown_Returns503_WithTheStatusOnly_AndLogsTheFailingCheck()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        await using var host = new LocalHostProcess("nomail", new Dictionary<string, string> { ["Mail__Smtp__Port"] = closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await host.StartAsync(requireHealthy: false);
        using var api = new CirculationClient(host.BaseUrl);

        var (status, body) = await api.HealthAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var property = Assert.Single(body.EnumerateObject());
        Assert.Equal("status", property.Name);
        Assert.Equal("Unhealthy", property.Value.GetString());
        Assert.Contains("Health check mail with status Unhealthy", host.LogTail(400), StringComparison.Ordinal);
    }
}
