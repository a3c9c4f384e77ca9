using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Circulation.IdentityProvider;

/// <summary>
/// Data Protection keys (for the session and antiforgery cookies) kept in memory only, like the token
/// signing keys: nothing is written to the developer's profile, and a restart signs everybody out.
/// </summary>
internal sealed class InMemoryXmlRepository : IXmlRepository
{
    private readonly ConcurrentQueue<XElement> elements = new();

    /// <inheritdoc/>
    public IReadOnlyCollection<XElement> GetAllElements() => [.. this.elements.Select(e => new XElement(e))];

    /// <inheritdoc/>
    public void StoreElement(XElement element, string friendlyName) => this.elements.Enqueue(new XElement(element));
}
