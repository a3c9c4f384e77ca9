using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// Storage faults on demand, on the real Azurite: the next <c>n</c> queries of a table answer as a storage account that
/// is unavailable would, after the SDK's own retries.
/// </summary>
public sealed class TableFaults : HttpPipelineSynchronousPolicy
{
    private int queriesToFail;
    private int failed;

    /// <summary>How many queries were failed so far.</summary>
    public int Failed => Volatile.Read(ref this.failed);

    /// <summary>Fails the next <paramref name="count"/> table queries.</summary>
    public void FailNextQueries(int count) => Interlocked.Exchange(ref this.queriesToFail, count);

    /// <inheritdoc/>
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Get && Interlocked.Decrement(ref this.queriesToFail) >= 0)
        {
            Interlocked.Increment(ref this.failed);
            throw new RequestFailedException(503, "The server is busy (injected storage fault).");
        }
    }
}
