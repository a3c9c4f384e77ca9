using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Circulation.IntegrationTests.Infrastructure.LongestFirstCollectionOrderer", "Circulation.IntegrationTests")]

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the collections that take longest first (xunit runs <c>maxParallelThreads</c> collections at once and starts
/// the next when one ends): otherwise the Graph collection, alone longer than a third of the whole, could start last and
/// finish minutes after the others. The order is by the durations a full run of ./test.sh measured; a collection not
/// listed runs after the listed ones.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    private static readonly string[] Longest =
    [
        Collections.Graph, Collections.GraphCrash, Collections.Browser, Collections.Links, Collections.Durability,
        Collections.EndToEnd, Collections.Revise, Collections.Security, Collections.Drafts, Collections.Input,
        Collections.GraphLedger, Collections.Expiry,
    ];

    /// <inheritdoc/>
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection)
    {
        int rank = Array.IndexOf(Longest, collection.DisplayName);
        return rank < 0 ? Longest.Length : rank;
    }
}
