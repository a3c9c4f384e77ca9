using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Circulation.Telemetry;

/// <summary>
/// Tags the work done for one letter: a span of the <see cref="SourceName"/> source and a logging scope, both carrying
/// <see cref="LetterIdKey"/>, so every trace and log line of an activity or request about a letter names it.
/// </summary>
public static class LetterTelemetry
{
    /// <summary>The ActivitySource (and OpenTelemetry tracer) name of Circulation's own spans.</summary>
    public const string SourceName = "Circulation";

    /// <summary>The tag and scope key of the letter id.</summary>
    public const string LetterIdKey = "circulation.letter_id";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Starts a span named <paramref name="operation"/> and a logging scope for letter <paramref name="letterId"/>; dispose
    /// the result when the work ends. The span is also tagged on the current activity (e.g. the host's HTTP request).
    /// </summary>
    public static IDisposable Begin(ILogger logger, string operation, string letterId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        Activity.Current?.SetTag(LetterIdKey, letterId);
        var activity = Source.StartActivity(operation, ActivityKind.Internal);
        activity?.SetTag(LetterIdKey, letterId);
        var scope = logger.BeginScope(new Dictionary<string, object> { [LetterIdKey] = letterId });
        return new Scope(activity, scope);
    }

    private sealed class Scope(Activity? activity, IDisposable? logScope) : IDisposable
    {
        public void Dispose()
        {
            logScope?.Dispose();
            activity?.Dispose();
        }
    }
}
