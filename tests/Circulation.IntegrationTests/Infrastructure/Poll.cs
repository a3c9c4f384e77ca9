using System.Diagnostics;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Waiting without fixed sleeps: probe until a condition holds, within a generous bound, and fail with
/// what was awaited and what was last seen.
/// </summary>
internal static class Poll
{
    /// <summary>The usual pause between probes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Probes until <paramref name="probe"/> returns a value; returns it.</summary>
    /// <param name="what">What is awaited, for the failure message ("the approval mail to x").</param>
    /// <param name="timeout">The upper bound.</param>
    /// <param name="probe">Returns the value when ready, else null; may set <paramref name="seen"/>.</param>
    /// <param name="seen">Describes the last state seen, for the failure message.</param>
    /// <param name="interval">The pause between probes; <see cref="Interval"/> unless given.</param>
    public static async Task<T> UntilAsync<T>(string what, TimeSpan timeout, Func<Task<T?>> probe, Func<string>? seen = null, TimeSpan? interval = null)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }

                lastError = null;
            }
            catch (HttpRequestException ex)
            {
                lastError = ex;
            }

            if (watch.Elapsed > timeout)
            {
                string last = seen?.Invoke() is { Length: > 0 } s ? $" Last seen: {s}" : "";
                string error = lastError is null ? "" : $" Last error: {lastError.Message}";
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.{last}{error}");
            }

            await Task.Delay(interval ?? Interval);
        }
    }

    /// <summary>Probes until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string what, TimeSpan timeout, Func<Task<bool>> condition, Func<string>? seen = null, TimeSpan? interval = null) =>
        UntilAsync(what, timeout, async () => await condition() ? "done" : null, seen, interval);
}
