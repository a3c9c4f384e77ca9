using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Circulation.Telemetry;

/// <summary>
/// Runs a shared activity inside <see cref="LetterTelemetry.Begin"/> for its orchestration's instance id, which is the
/// letter id. Both shells register activities through it (<see cref="Workflow.CirculationTasks.Register"/>).
/// </summary>
public sealed class LetterScopedActivity : ITaskActivity
{
    private readonly ITaskActivity inner;
    private readonly ILogger logger;

    /// <summary>Wraps <paramref name="inner"/>, logging the scope through <paramref name="loggerFactory"/>.</summary>
    public LetterScopedActivity(ITaskActivity inner, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.inner = inner;
        this.logger = loggerFactory.CreateLogger(inner.GetType());
    }

    /// <inheritdoc />
    public Type InputType => this.inner.InputType;

    /// <inheritdoc />
    public Type OutputType => this.inner.OutputType;

    /// <inheritdoc />
    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var scope = LetterTelemetry.Begin(this.logger, context.Name.Name, context.InstanceId);
        return await this.inner.RunAsync(context, input);
    }
}
