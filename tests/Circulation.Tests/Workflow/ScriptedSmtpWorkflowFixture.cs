using System.Globalization;
using Azure.Core;
using Azure.Data.Tables;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Tests.TestSupport;
using Circulation.Tests.TestSupport.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Tests.Workflow;

/// <summary>
/// The workflow fixture for tests that make its <see cref="ScriptedSmtpServer"/> throttle, refuse or drop, and the
/// deliveries table fail: SMTP's timeout and Polly's back-off are shortened; the durable retry policies are the product's own.
/// </summary>
public sealed class ScriptedSmtpWorkflowFixture : CirculationWorkflowFixture
{
    /// <summary>In-activity retries of a transient fault (Mail:TransientRetries), kept small so tests can exhaust them.</summary>
    public const int TransientRetries = 2;

    /// <summary>Storage faults injected into the deliveries table's requests.</summary>
    public TableFaults TableFaults { get; } = new();

    /// <inheritdoc/>
    protected override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(this.TableFaults, HttpPipelinePosition.PerCall);
        services.AddSingleton(sp => new DeliveryRecords(
            new TableClient(TestStack.StorageConnectionString, new StorageOptions().DeliveriesTableName, options), sp.GetRequiredService<TimeProvider>()));
    }

    /// <inheritdoc/>
    protected override IEnumerable<KeyValuePair<string, string?>> MailSettings() =>
    [
        .. base.MailSettings(),
        new("Mail:Smtp:Timeout", "00:00:10"),
        new("Mail:TransientRetries", TransientRetries.ToString(CultureInfo.InvariantCulture)),
        new("Mail:RetryDelay", "00:00:00.010"),
    ];
}
