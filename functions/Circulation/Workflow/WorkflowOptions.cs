using System.ComponentModel.DataAnnotations;

namespace Circulation.Workflow;

/// <summary>Tuning of the circulation workflow (section "Workflow").</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Workflow";

    /// <summary>How many missions' messages are sent at once during distribution.</summary>
    [Range(1, 100)]
    public int DistributionParallelism { get; set; } = 16;
}
