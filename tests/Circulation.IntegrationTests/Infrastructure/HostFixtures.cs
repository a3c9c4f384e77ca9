using Azure.Storage.Blobs;
using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// One local host process for a test collection, with clients for its API, the shared smtp4dev and
/// its blob container. Collections run in parallel, each on its own host, task hub and container.
/// </summary>
public abstract class HostFixture : IAsyncLifetime
{
    /// <summary>Prepares the host.</summary>
    protected HostFixture(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.Host = new LocalHostProcess(name, settings);
    }

    /// <summary>The host process.</summary>
    public LocalHostProcess Host { get; }

    /// <summary>The host's HTTP API (created once the host has started: ports may change on a retried start).</summary>
    public CirculationClient Api { get; private set; } = null!;

    /// <summary>The shared test smtp4dev.</summary>
    public Smtp4devClient Mail { get; } = new();

    /// <summary>The host's blob container.</summary>
    public BlobContainerClient Container => new(TestEnvironment.StorageConnectionString, this.Host.ContainerName);

    /// <summary>The host's working container (claims, submission records, uploaded documents).</summary>
    public BlobContainerClient WorkContainer => new(TestEnvironment.StorageConnectionString, this.Host.WorkContainerName);

    /// <inheritdoc/>
    public virtual async Task InitializeAsync()
    {
        await this.Host.StartAsync();
        this.Api = new CirculationClient(this.Host.BaseUrl);
    }

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        await this.Host.DisposeAsync();
        this.Api?.Dispose();
        this.Mail.Dispose();
    }

    /// <summary>
    /// Runs a request that must be refused and asserts that it answered a JSON problem (RFC 9457; unless <paramref name="expectJson"/> is
    /// false) and changed nothing: the same letters (as an admin sees them: all of them), the same blobs in the container. Returns the answer for the caller's own assertions.
    /// </summary>
    public async Task<PageResponse> AssertNothingStoredAsync(Func<Task<PageResponse>> send, bool expectJson = true)
    {
        ArgumentNullException.ThrowIfNull(send);
        var lettersBefore = await this.SettledLetterIdsAsync();
        var blobsBefore = await this.BlobNamesAsync();

        var response = await send();

        if (expectJson)
        {
            Assert.Equal("application/problem+json", response.ContentType);
        }

        Assert.Equal(lettersBefore, await this.SettledLetterIdsAsync());
        Assert.Equal(blobsBefore, await this.BlobNamesAsync());
        return response;
    }

    /// <summary>
    /// The letters GET api/letters lists to an admin (all of them), once it lists every letter with files in the archive:
    /// the list is the read model, which lags the workflow by an activity, so a letter created a moment ago may not be
    /// listed yet. Comparing two of these sees no such late arrival.
    /// </summary>
    public async Task<IReadOnlySet<string>> SettledLetterIdsAsync()
    {
        var admin = this.Api.As(TestPeople.Admin);
        IReadOnlySet<string> listed = new HashSet<string>();
        IReadOnlySet<string> archived = new HashSet<string>();
        await Poll.UntilAsync(
            "the letters list to show every archived letter",
            TimeSpan.FromSeconds(60),
            async () =>
            {
                archived = (await this.BlobNamesAsync()).Where(n => !n.StartsWith("work:", StringComparison.Ordinal))
                    .Select(n => n.Split('/')[0]).Where(n => n.Length == 23 && n[0] == 'L').ToHashSet(StringComparer.Ordinal);
                listed = await admin.ListLetterIdsAsync();
                return archived.IsSubsetOf(listed);
            },
            () => $"archived but not listed: {string.Join(", ", archived.Except(listed))}");
        return listed;
    }

    /// <summary>Every blob name in the host's two containers (the working container's prefixed "work:").</summary>
    public async Task<IReadOnlySet<string>> BlobNamesAsync()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (container, prefix) in new[] { (this.Container, ""), (this.WorkContainer, "work:") })
        {
            if (!await container.ExistsAsync())
            {
                continue;
            }

            await foreach (var blob in container.GetBlobsAsync())
            {
                names.Add(prefix + blob.Name);
            }
        }

        return names;
    }
}

/// <summary>The host for the end-to-end circulation.</summary>
public sealed class EndToEndHostFixture() : HostFixture("endtoend");

/// <summary>
/// The host the durability tests kill and restart. A step interrupted by the kill (a send in flight) is retried
/// after <see cref="MessageVisibilityTimeout"/>, the shortest the host accepts, not after the default minute.
/// </summary>
public sealed class DurabilityHostFixture() : HostFixture("durability", new Dictionary<string, string>
{
    ["Durable__MessageVisibilityTimeout"] = MessageVisibilityTimeout,
    ["Workflow__DistributionParallelism"] = DistributionParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    /// <summary>How long a message dequeued by the killed host stays invisible (Durable:MessageVisibilityTimeout).</summary>
    public const string MessageVisibilityTimeout = "00:00:10";

    /// <summary>Sends in flight at once (Workflow:DistributionParallelism, the default): the most a kill can interrupt.</summary>
    public const int DistributionParallelism = 16;
}

/// <summary>The host for the link tests (genuine, tampered, used, superseded links).</summary>
public sealed class LinkHostFixture() : HostFixture("links");

/// <summary>A host whose links expire after 5 seconds.</summary>
public sealed class ShortLinkHostFixture() : HostFixture("expiry", new Dictionary<string, string> { ["Links__Lifetime"] = "00:00:05" });

/// <summary>The host for bad input and health: no test in its collection creates a letter.</summary>
public sealed class InputHostFixture() : HostFixture("input");

/// <summary>The host for drafts, edits, submissions, versions and preview.</summary>
public sealed class DraftHostFixture() : HostFixture("drafts");

/// <summary>The host for the revise loop followed to distribution.</summary>
public sealed class ReviseHostFixture() : HostFixture("revise");

/// <summary>The host for the attack catalogue: anonymous calls, other people's letters, forwarded links, cross-site requests.</summary>
public sealed class SecurityHostFixture() : HostFixture("security");

/// <summary>Collection names (one host each).</summary>
internal static class Collections
{
    public const string EndToEnd = "end-to-end";
    public const string Durability = "durability";
    public const string Links = "links";
    public const string Expiry = "expiry";
    public const string Input = "input";
    public const string Browser = "browser";
    public const string Drafts = "drafts";
    public const string Revise = "revise";
    public const string Security = "security";
    public const string Graph = "graph";
    public const string GraphCrash = "graph-crash";
    public const string GraphLedger = "graph-ledger";
}

[CollectionDefinition(Collections.EndToEnd)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndHostFixture>;

[CollectionDefinition(Collections.Durability)]
public sealed class DurabilityCollection : ICollectionFixture<DurabilityHostFixture>;

[CollectionDefinition(Collections.Graph)]
public sealed class GraphCollection : ICollectionFixture<GraphHostFixture>;

/// <summary>The crash test's own Graph host and emulator, so it runs beside the other Graph distributions.</summary>
[CollectionDefinition(Collections.GraphCrash)]
public sealed class GraphCrashCollection : ICollectionFixture<GraphHostFixture>;

[CollectionDefinition(Collections.GraphLedger)]
public sealed class GraphLedgerCollection : ICollectionFixture<LedgerEmulatorFixture>;

[CollectionDefinition(Collections.Links)]
public sealed class LinkCollection : ICollectionFixture<LinkHostFixture>;

[CollectionDefinition(Collections.Expiry)]
public sealed class ExpiryCollection : ICollectionFixture<ShortLinkHostFixture>;

[CollectionDefinition(Collections.Input)]
public sealed class InputCollection : ICollectionFixture<InputHostFixture>;

[CollectionDefinition(Collections.Drafts)]
public sealed class DraftCollection : ICollectionFixture<DraftHostFixture>;

[CollectionDefinition(Collections.Revise)]
public sealed class ReviseCollection : ICollectionFixture<ReviseHostFixture>;

[CollectionDefinition(Collections.Security)]
public sealed class SecurityCollection : ICollectionFixture<SecurityHostFixture>;

[CollectionDefinition(Collections.Browser)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHostFixture>;
