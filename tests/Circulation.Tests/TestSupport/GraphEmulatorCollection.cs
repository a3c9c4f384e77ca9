using Xunit;

namespace Circulation.Tests.TestSupport;

/// <summary>Tests that share the <see cref="GraphEmulator"/> run one at a time.</summary>
[CollectionDefinition(Name)]
#pragma warning disable CA1711 // xunit's naming.
public sealed class GraphEmulatorCollection
#pragma warning restore CA1711
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Graph emulator";
}
