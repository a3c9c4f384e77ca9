using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Circulation.IntegrationTests.Infrastructure.LongestFirstCollectionOrderer", "Circulation.IntegrationTests")]

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Starts the collections that take longest first, so the few parallel threads (xunit.runner.json) stay busy to the end
/// instead of one long collection starting last and running alone. The order is a schedule only: every collection has
/// its own host, and none depends on another having run.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    /// <summary>Collections by their usual running time on CI, longest first; any other collection comes after them.</summary>
    private static readonly string[] LongestFirst =
    [
        Collections.Browser,
        Collections.Graph,
        Collections.Links,
        Collections.Durability,
        Collections.EndToEnd,
        Collections.Revise,
        Collections.Security,
        Collections.Versioning,
        Collections.Drafts,
        Collections.Input,
        Collections.Expiry,
        Collections.GraphLedger,
    ];

    /// <inheritdoc/>
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(LongestFirst, c.DisplayName) is var i and >= 0 ? i : LongestFirst.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
