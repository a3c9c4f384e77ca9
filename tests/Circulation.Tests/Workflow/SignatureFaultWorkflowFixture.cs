using Circulation.Signature;
using Circulation.Workflow;
using Microsoft.DurableTask;

namespace Circulation.Tests.Workflow;

/// <summary>
/// The workflow fixture with <see cref="FaultySigner"/> standing in for <see cref="RenderSignedLetter"/>, and the
/// signing retries a few hundred milliseconds apart instead of seconds, so every retry of a test runs in a few seconds.
/// </summary>
public sealed class SignatureFaultWorkflowFixture : CirculationWorkflowFixture
{
    protected override TimeSpan? SigningRetryInterval => TimeSpan.FromMilliseconds(200);

    protected override void Register(DurableTaskRegistry registry) =>
        CirculationTasks.RegisterReplacing(registry, new Dictionary<string, Type> { [nameof(RenderSignedLetter)] = typeof(FaultySigner) });
}
