using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Tests.Workflow.Versioning;

/// <summary>
/// The workflow fixture as a host before and after a release that changed the workflow: until <see cref="Upgrade"/>,
/// letters start on <see cref="UpgradedCirculateLetter.OlderVersion"/> and the host runs that version's code; after it,
/// letters start on <see cref="WorkflowVersions.Current"/> and the host runs the code that branches on the version.
/// Mail goes to the fixture's own in-process SMTP server, which keeps every message it accepts.
/// </summary>
public sealed class VersioningWorkflowFixture : CirculationWorkflowFixture
{
    private volatile bool upgraded;

    protected override string StartVersion => this.upgraded ? WorkflowVersions.Current : UpgradedCirculateLetter.OlderVersion;

    /// <summary>Deploys the release: new code, and host.json's <c>defaultVersion</c> set to the current version.</summary>
    public void Upgrade() => this.upgraded = true;

    protected override void Register(DurableTaskRegistry registry) =>
        CirculationTasks.RegisterReplacing(
            registry,
            new Dictionary<string, Type>(),
            new Dictionary<string, Func<ITaskOrchestrator>> { [nameof(CirculateLetter)] = () => new UpgradedCirculateLetter(() => this.upgraded) });
}
