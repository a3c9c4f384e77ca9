using Microsoft.DurableTask;

namespace Circulation.Functions.Workflow;

/// <summary>The activity context handed to shared activities when the Functions host triggers them.</summary>
internal sealed class FunctionsActivityContext : TaskActivityContext
{
    public FunctionsActivityContext(TaskName name, string instanceId)
    {
        this.Name = name;
        this.InstanceId = instanceId;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }
}
