using Polly;
using Polly.Retry;

namespace Circulation.DigitalSignature;

/// <summary>The retry inside the signing step for calls to the key and the timestamp authority (the SDKs' own retries are off).</summary>
internal static class SigningRetries
{
    /// <summary>Retries <paramref name="options"/>.Retries times, exponentially from RetryDelay, what <paramref name="isTransient"/> accepts.</summary>
    public static ResiliencePipeline Create(SigningOptions options, Func<Exception, bool> isTransient, Action<int, TimeSpan, Exception?> onRetry)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle(isTransient),
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    onRetry(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
