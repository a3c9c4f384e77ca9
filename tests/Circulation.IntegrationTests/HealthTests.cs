using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;
using Xunit;

namespace Circulation.IntegrationTests;

/// <summary>GET /api/health reports storage, the durable backend and the mail server.</summary>
[Collection(Collections.Input)]
public sealed class HealthTests(InputHostFixture fixture)
{
    [Fact]
    public async Task HealthyStack_Returns200_WithStorageDurableAndMailHealthy()
    {
        var (status, body) = await fixture.Api.HealthAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal(["durable", "mail", "storage"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.True(c.Value.GetProperty("healthy").GetBoolean(), $"{c.Name} is not healthy: {c.Value}"));
    }

    [Fact]
    public async Task MailServerDown_Returns503_WithMailUnhealthyAndTheRestHealthy()
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
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.False(checks.GetProperty("mail").GetProperty("healthy").GetBoolean());
        Assert.Equal(JsonValueKind.String, checks.GetProperty("mail").GetProperty("error").ValueKind);
        Assert.True(checks.GetProperty("storage").GetProperty("healthy").GetBoolean());
        Assert.True(checks.GetProperty("durable").GetProperty("healthy").GetBoolean());
    }
}
