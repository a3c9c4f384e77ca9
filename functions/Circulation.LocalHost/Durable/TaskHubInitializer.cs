using DurableTask.AzureStorage;
using Microsoft.Extensions.Options;

namespace Circulation.LocalHost.Durable;

/// <summary>
/// Creates the task hub's queues, tables and containers before anything is served. Registered ahead of
/// the web server, whose hosted service the web host always starts last.
/// </summary>
internal sealed partial class TaskHubInitializer(
    AzureStorageOrchestrationService service,
    IOptions<HostJsonDurableOptions> hubOptions,
    ILogger<TaskHubInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string taskHubName = hubOptions.Value.HubName;
        try
        {
            await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTaskHubUnavailable(logger, exception, taskHubName);
            throw;
        }

        LogTaskHubReady(logger, taskHubName);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Task hub {TaskHubName} is ready")]
    private static partial void LogTaskHubReady(ILogger logger, string taskHubName);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Could not create task hub {TaskHubName}: is the storage account (Azurite) running and AzureWebJobsStorage right?")]
    private static partial void LogTaskHubUnavailable(ILogger logger, Exception exception, string taskHubName);
}
