using System.Reflection;
using System.Xml.Linq;
using Circulation.Hosting;
using Circulation.Tests.TestSupport;
using Circulation.Web;
using Xunit;

namespace Circulation.Tests.Shells;

/// <summary>
/// Holds the projects to their direction: the web (functions/Circulation.Web) depends on the core (functions/Circulation),
/// the shells on both, and the core on neither the web nor ASP.NET Core, in its build file and in what it was compiled against.
/// </summary>
public sealed class ProjectDirectionTests
{
    private static readonly Assembly Core = typeof(CirculationServiceCollectionExtensions).Assembly;

    [Fact]
    public void TheCoreAssembly_ReferencesNoAspNetCoreAssembly_NorTheWeb_EvenThroughItsPackages()
    {
        var offending = ReferenceClosure(Core)
            .Where(name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || name == WebAssemblyName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offending.Count == 0, "The core reaches web assemblies: " + string.Join(", ", offending));
    }

    [Fact]
    public void TheWebAssembly_ReferencesTheCoreAndAspNetCore()
    {
        var references = typeof(CirculationWebServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains(Core.GetName().Name, references);
        Assert.Contains(references, name => name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCoreProjectFile_HasNoAspNetCoreFrameworkPackageOrProjectReference()
    {
        var project = XDocument.Load(RepositoryFiles.PathOf("functions/Circulation/Circulation.csproj"));
        var includes = project.Descendants()
            .Where(e => e.Name.LocalName is "FrameworkReference" or "PackageReference" or "ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? "")
            .ToList();

        Assert.DoesNotContain(includes, i => i.Contains("AspNetCore", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(includes, i => i.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("functions/Circulation.Web/Circulation.Web.csproj", new[] { "Circulation.csproj" })]
    [InlineData("functions/Circulation.Functions/Circulation.Functions.csproj", new[] { "Circulation.csproj", "Circulation.Web.csproj" })]
    [InlineData("functions/Circulation.LocalHost/Circulation.LocalHost.csproj", new[] { "Circulation.csproj", "Circulation.Web.csproj" })]
    public void EachProject_ReferencesExactlyTheProjectsBelowIt(string path, string[] expected)
    {
        var references = XDocument.Load(RepositoryFiles.PathOf(path)).Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileName(((string?)e.Attribute("Include") ?? "").Replace('\\', '/')))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected.Order(StringComparer.Ordinal), references);
    }

    private static string WebAssemblyName => typeof(CirculationWebServiceCollectionExtensions).Assembly.GetName().Name!;

    /// <summary>The names of every assembly <paramref name="root"/> references, directly or through the assemblies it references.</summary>
    private static SortedSet<string> ReferenceClosure(Assembly root)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>(root.GetReferencedAssemblies());
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!))
            {
                continue;
            }

            Assembly loaded;
            try
            {
                loaded = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                // An optional dependency of a package that is not deployed with the tests: nothing of it runs.
                continue;
            }

            foreach (var reference in loaded.GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        return seen;
    }
}
