using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Circulation.Functions.Hosting;
using Circulation.LocalHost.Durable;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Circulation.Tests.Hosting;

/// <summary>
/// Holds docs/configuration.md to the code: every setting the shells read must be named there. The settings come from
/// the code, not from a list here: every options class of the shells' assemblies (a class with a <c>Section</c> or
/// <c>SectionName</c> constant) with each bindable property, nested classes and collections included, and every key the
/// Functions app's registration reads directly from the configuration.
/// </summary>
public sealed partial class SettingsReferenceTests
{
    private const string Reference = "docs/configuration.md";

    /// <summary>A setting the options binder would find under a property's path but that is really read elsewhere.</summary>
    private static readonly IReadOnlyDictionary<string, string> ReadUnderAnotherName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        // AddStorageConnection sets it from the section's own value.
        ["AzureWebJobsStorage:ConnectionString"] = "AzureWebJobsStorage",
    };

    private static readonly Assembly[] ShellAssemblies =
    [
        typeof(Circulation.Hosting.CirculationServiceCollectionExtensions).Assembly,
        typeof(Circulation.Web.CirculationWebServiceCollectionExtensions).Assembly,
        typeof(FunctionsAppServices).Assembly,
        typeof(LocalHostOptions).Assembly,
    ];

    [Fact]
    public void EverySettingTheCodeReads_IsNamedInTheSettingsReference()
    {
        string reference = File.ReadAllText(RepositoryFiles.PathOf(Reference));
        var settings = OptionsSettings().Concat(DirectReads()).Select(s => ReadUnderAnotherName.GetValueOrDefault(s, s));

        var missing = settings.Distinct(StringComparer.OrdinalIgnoreCase).Where(s => !Names(reference, s)).Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{Reference} does not name these settings the code reads (write each as `Section:Key`): " + string.Join(", ", missing));
    }

    [Fact]
    public void TheSettingsFoundInCode_IncludeOptionsPropertiesNestedSectionsCollectionsAndDirectReads()
    {
        var settings = OptionsSettings().Concat(DirectReads()).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains("Links:SigningKeys", settings);
        Assert.Contains("Mail:Graph:Senders", settings);
        Assert.Contains("Auth:OpenIdConnect:Authority", settings);
        Assert.Contains("extensions:durableTask:DefaultVersion", settings);
        Assert.Contains("LocalHost:SessionLifetime", settings);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings);
        Assert.DoesNotContain("Storage:EffectiveWorkContainerName", settings);
    }

    /// <summary>True when <paramref name="text"/> names <paramref name="setting"/> in backticks (any case, as configuration keys are).</summary>
    private static bool Names(string text, string setting) =>
        Regex.IsMatch(text, "`" + Regex.Escape(setting) + "(?![A-Za-z0-9_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static IEnumerable<string> OptionsSettings() =>
        ShellAssemblies
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Section: SectionOf(t)))
            .Where(o => o.Section is not null)
            .SelectMany(o => Settings(o.Type, o.Section!));

    /// <summary>The section an options class declares it binds to (its <c>Section</c> or <c>SectionName</c> constant).</summary>
    private static string? SectionOf(Type type) =>
        type.IsClass && (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) ?? type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)) is { IsLiteral: true } field
            ? field.GetRawConstantValue() as string
            : null;

    /// <summary>The paths the options binder fills: settable properties, and collections it adds to; nested classes as sub-sections.</summary>
    private static IEnumerable<string> Settings(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            string path = ConfigurationPath.Combine(prefix, property.Name);
            bool settable = property.SetMethod is { IsPublic: true };
            bool collection = property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType);
            if (!settable && !collection)
            {
                continue;
            }

            if (IsSection(property.PropertyType))
            {
                foreach (string nested in Settings(property.PropertyType, path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("Circulation", StringComparison.Ordinal) == true;

    /// <summary>The keys the Functions app's registration reads itself (the local host registers the same services and telemetry).</summary>
    private static IReadOnlySet<string> DirectReads()
    {
        var recording = new RecordingConfiguration(new ConfigurationBuilder().Build());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCirculationFunctionsApp(recording);
        return recording.Reads;
    }
}
