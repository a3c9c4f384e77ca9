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

    /// <summary>Missions per send activity: large enough that the workflow's round trips are few, small enough that progress moves often.</summary>
    [Range(1, 250)]
    public int DistributionBatchSize { get; set; } = DefaultBatchSize;

    /// <summary>The default of <see cref="DistributionBatchSize"/>.</summary>
    public const int DefaultBatchSize = 25;

    /// <summary>
    /// The wait before the digital signature is tried again after a fault (it doubles with each attempt, see
    /// <see cref="WorkflowRetries.Signing"/>). Letters keep the value they were started with.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan SigningRetryInterval { get; set; } = DefaultSigningRetryInterval;

    /// <summary>The default of <see cref="SigningRetryInterval"/>.</summary>
    public static readonly TimeSpan DefaultSigningRetryInterval = TimeSpan.FromSeconds(15);
}
