using System.Globalization;
using Circulation.Tests.TestSupport.Smtp;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Tests.Workflow.Versioning;

/// <summary>
/// The workflow fixture as a host before and after a release that changed the workflow: until <see cref="Upgrade"/>,
/// letters start on <see cref="UpgradedCirculateLetter.OlderVersion"/> and the host runs that version's code; after it,
/// letters start on <see cref="WorkflowVersions.Current"/> and the host runs the code that branches on the version.
/// Mail goes to an in-process <see cref="ScriptedSmtpServer"/>, which keeps every message it accepts.
/// </summary>
public sealed class VersioningWorkflowFixture : CirculationWorkflowFixture
{
    private volatile bool upgraded;

    /// <summary>The server every message goes through.</summary>
    public ScriptedSmtpServer Smtp { get; } = ScriptedSmtpServer.Start(pipelining: true);

    protected override string StartVersion => this.upgraded ? WorkflowVersions.Current : UpgradedCirculateLetter.OlderVersion;

    /// <summary>Deploys the release: new code, and host.json's <c>defaultVersion</c> set to the current version.</summary>
    public void Upgrade() => this.upgraded = true;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await this.Smtp.DisposeAsync();
    }

    protected override void Register(DurableTaskRegistry registry) =>
        CirculationTasks.RegisterReplacing(
            registry,
            new Dictionary<string, Type>(),
            new Dictionary<string, Func<ITaskOrchestrator>> { [nameof(CirculateLetter)] = () => new UpgradedCirculateLetter(() => this.upgraded) });

    protected override IEnumerable<KeyValuePair<string, string?>> MailSettings() =>
        [new("Mail:Smtp:Host", "127.0.0.1"), new("Mail:Smtp:Port", this.Smtp.Port.ToString(CultureInfo.InvariantCulture))];
}
