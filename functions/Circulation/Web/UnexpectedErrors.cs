using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Circulation.Web;

/// <summary>
/// The last line of every HTTP handler in both shells: an exception no handler expected becomes a JSON 500 with a
/// reference to quote, and its details go only to the log, never to the client.
/// </summary>
internal static partial class UnexpectedErrors
{
    /// <summary>Runs <paramref name="handler"/>; answers a JSON 500 instead of letting an unexpected exception through.</summary>
    public static async Task<IResult> GuardAsync(IServiceProvider services, HttpRequest request, string routeName, Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw; // the client went away: nobody is waiting for an answer
        }
        catch (Exception ex)
        {
            string reference = Activity.Current?.TraceId.ToString() ?? request.HttpContext.TraceIdentifier;
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(UnexpectedErrors).FullName!);
            if (logger is not null)
            {
                LogUnexpected(logger, ex, request.Method, routeName, reference);
            }

            return ApiResults.Error(StatusCodes.Status500InternalServerError, $"Something went wrong on our side; nothing was stored. Reference: {reference}");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Route} failed unexpectedly (reference {Reference})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string route, string reference);
}
