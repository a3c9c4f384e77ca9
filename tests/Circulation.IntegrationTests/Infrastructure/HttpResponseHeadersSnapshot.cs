using System.Net;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>The status and headers of a response, for header assertions.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">Every header (response and content), by name, any case.</param>
public sealed record HttpResponseHeadersSnapshot(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The header's value, or "" when it is absent.</summary>
    public string Get(string name) => this.Headers.TryGetValue(name, out string? value) ? value : "";
}
