using System.Globalization;

namespace Circulation.ExchangeEmulator;

/// <summary>Error answers in Graph's shape: {"error": {"code", "message", "innerError": {"date", "request-id"}}}.</summary>
public static class GraphErrors
{
    /// <summary>An error answer with <paramref name="status"/>, and Retry-After (whole seconds, at least 1) when given.</summary>
    public static IResult Error(int status, string code, string message, TimeSpan? retryAfter = null) => new ErrorResult(status, code, message, retryAfter);

    /// <summary>429 ApplicationThrottled naming the limit.</summary>
    public static IResult Throttled(Refusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        string message = refusal.Code switch
        {
            "MailboxConcurrency" => "Application is over its MailboxConcurrency limit.",
            "MessageSubmissionRate" => "Message submission rate limit exceeded: too many messages sent from this mailbox in the last minute.",
            "RecipientRateLimit" => "Recipient rate limit exceeded: this mailbox has reached its recipients per day.",
            _ => "Application is over its request rate limit for this mailbox.",
        };
        return Error(StatusCodes.Status429TooManyRequests, "ApplicationThrottled", message, refusal.RetryAfter);
    }

    private sealed class ErrorResult(int status, string code, string message, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (retryAfter is { } wait)
            {
                httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            return httpContext.Response.WriteAsJsonAsync(new
            {
                error = new
                {
                    code,
                    message,
                    innerError = new Dictionary<string, string> { ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), ["request-id"] = httpContext.TraceIdentifier },
                },
            });
        }
    }
}
