using Circulation.Hosting;
using Circulation.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>Mail:Transport picks the transport, and only the chosen transport's section is validated at start-up.</summary>
public sealed class GraphOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> mail)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",

            // The Graph transport's pacing ledgers live in the work container (nothing is sent to storage here).
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Links:SigningKey"] = "graph-options-tests-signing-key-0123456789",
            ["Links:PublicBaseUrl"] = "http://127.0.0.1:1",
        };
        foreach (var (key, value) in mail)
        {
            settings[key] = value;
        }

        return new ServiceCollection().AddLogging().AddCirculationCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

    [Fact]
    public void AddCirculation_GraphTransport_UsesGraphWithoutAnySmtpSetting()
    {
        using var services = Services(new()
        {
            ["Mail:Transport"] = "Graph",
            ["Mail:Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0",
            ["Mail:Graph:Senders:0"] = "pga.circulation@un.example",
        });

        Assert.IsType<GraphMailTransport>(services.GetRequiredService<IMailTransport>());
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:9/v1.0", "ManagedIdentity", "Mail:Graph:Senders")]
    [InlineData("pga@un.example", "http://graph.example/v1.0", "ManagedIdentity", "Mail:Graph:BaseUrl")]
    [InlineData("pga@un.example", "https://graph.microsoft.com/v1.0", "ClientSecret", "Mail:Graph:TenantId")]
    public void AddCirculation_GraphTransportMisconfigured_FailsNamingTheSetting(string? sender, string baseUrl, string credential, string named)
    {
        using var services = Services(new()
        {
            ["Mail:Transport"] = "Graph",
            ["Mail:Graph:BaseUrl"] = baseUrl,
            ["Mail:Graph:Senders:0"] = sender,
            ["Mail:Graph:Credential"] = credential,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MessagesPerWindow", "-1")]
    [InlineData("RecipientsPerDay", "-1")]
    [InlineData("RecipientWindow", "00:00:00")]
    public void AddCirculation_GraphPaceOutOfRange_FailsNamingTheSetting(string setting, string value)
    {
        using var services = Services(new()
        {
            ["Mail:Transport"] = "Graph",
            ["Mail:Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0",
            ["Mail:Graph:Senders:0"] = "pga.circulation@un.example",
            [$"Mail:Graph:{setting}"] = value,
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<GraphOptions>>().Value);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCirculation_SmtpTransportWithoutHost_FailsNamingIt()
    {
        using var services = Services([]);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SmtpOptions>>().Value);
    }
}
