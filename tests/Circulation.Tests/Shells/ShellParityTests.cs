using System.Reflection;
using System.Text.Json;
using Circulation.Functions.Web;
using Circulation.Tests.TestSupport;
using Circulation.Web;
using Circulation.Workflow;
using Microsoft.Azure.Functions.Worker;
using Xunit;

namespace Circulation.Tests.Shells;

/// <summary>
/// Keeps the two shells in step with the shared code. The local host maps its routes by iterating
/// <see cref="CirculationRoutes.All"/> and registers tasks with <see cref="CirculationTasks.Register"/>, so it follows
/// the catalogs by construction; the Functions app declares each function by hand, so it is checked here.
/// </summary>
public sealed class ShellParityTests
{
    /// <summary>The Functions route standing for the site root, since a Functions route cannot be empty.</summary>
    private const string FunctionsRootRoute = "{ignored:maxlength(0)?}";

    private static readonly Assembly FunctionsAssembly = typeof(HttpFunctions).Assembly;

    private static readonly IReadOnlyList<FunctionMethod> Functions =
    [
        .. FunctionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new FunctionMethod(x.Attribute!.Name, x.Method)),
    ];

    public static TheoryData<string> OrchestratorNames => [.. CirculationTasks.Orchestrators.Select(t => t.Name)];

    public static TheoryData<string> ActivityNames => [.. CirculationTasks.Activities.Select(t => t.Name)];

    public static TheoryData<string> RouteNames => [.. CirculationRoutes.All.Select(r => r.Name)];

    private static FunctionMethod SingleFunction(string name)
    {
        var matches = Functions.Where(f => f.Name == name).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one [Function(\"{name}\")] in Circulation.Functions; found {matches.Count}.");
        return matches[0];
    }

    private static string Describe(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));

    [Fact]
    public void FunctionsApp_DeclaresFunctions()
    {
        // Guards the reflection itself: if it found nothing, the "no extra function" checks below would pass vacuously.
        Assert.True(Functions.Count >= CirculationRoutes.All.Count + CirculationTasks.Activities.Count + CirculationTasks.Orchestrators.Count);
    }

    [Fact]
    public void FunctionsApp_FunctionNames_AreUnique()
    {
        var duplicates = Functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Theory]
    [MemberData(nameof(OrchestratorNames))]
    public void FunctionsApp_EveryOrchestrator_HasAnOrchestrationTriggerFunction(string name)
    {
        var function = SingleFunction(name);

        Assert.Equal(TriggerKind.Orchestration, function.Trigger);
    }

    [Theory]
    [MemberData(nameof(ActivityNames))]
    public void FunctionsApp_EveryActivity_HasAnActivityTriggerFunction(string name)
    {
        var function = SingleFunction(name);

        Assert.Equal(TriggerKind.Activity, function.Trigger);
    }

    [Fact]
    public void FunctionsApp_OrchestrationTriggers_AreAllRegisteredOrchestrators()
    {
        var extra = Functions.Where(f => f.Trigger == TriggerKind.Orchestration).Select(f => f.Name)
            .Except(CirculationTasks.Orchestrators.Select(t => t.Name), StringComparer.Ordinal);

        Assert.True(!extra.Any(), $"Orchestration triggers not in CirculationTasks.Orchestrators: {Describe(extra)}");
    }

    [Fact]
    public void FunctionsApp_ActivityTriggers_AreAllRegisteredActivities()
    {
        var extra = Functions.Where(f => f.Trigger == TriggerKind.Activity).Select(f => f.Name)
            .Except(CirculationTasks.Activities.Select(t => t.Name), StringComparer.Ordinal);

        Assert.True(!extra.Any(), $"Activity triggers not in CirculationTasks.Activities: {Describe(extra)}");
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void FunctionsApp_EveryCatalogRoute_HasAnHttpFunctionWithSameMethodAndRoute(string name)
    {
        var route = CirculationRoutes.All.Single(r => r.Name == name);
        var function = SingleFunction(name);

        Assert.Equal(TriggerKind.Http, function.Trigger);
        var trigger = function.Http!;
        var methods = trigger.Methods ?? [];
        Assert.True(
            methods.Length == 1 && string.Equals(methods[0], route.Method, StringComparison.OrdinalIgnoreCase),
            $"{name}: the HttpTrigger allows [{string.Join(", ", methods)}]; the catalog says {route.Method}.");
        string template = trigger.Route == FunctionsRootRoute ? "" : trigger.Route ?? "";
        Assert.Equal(route.Template, template);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public void FunctionsApp_RouteParameter_IsBoundByTheFunction(string name)
    {
        var route = CirculationRoutes.All.Single(r => r.Name == name);
        var function = SingleFunction(name);

        // The template's parameters are exactly the declared ones, in order, and the function binds each as a string.
        string[] declared = [.. new[] { route.Parameter, route.SecondParameter }.OfType<string>()];
        string[] inTemplate = [.. System.Text.RegularExpressions.Regex.Matches(route.Template, @"\{([A-Za-z0-9]+)\}").Select(m => m.Groups[1].Value)];
        Assert.Equal(declared, inTemplate);
        Assert.False(route.SecondParameter is not null && route.Parameter is null, $"{name}: a second parameter without a first.");
        foreach (string parameter in declared)
        {
            Assert.Contains(function.Method.GetParameters(), p => p.Name == parameter && p.ParameterType == typeof(string));
        }
    }

    [Fact]
    public void FunctionsApp_HttpFunctions_AreAllInTheRouteCatalog()
    {
        var extra = Functions.Where(f => f.Trigger == TriggerKind.Http).Select(f => f.Name)
            .Except(CirculationRoutes.All.Select(r => r.Name), StringComparer.Ordinal);

        Assert.True(!extra.Any(), $"HTTP functions missing from CirculationRoutes.All: {Describe(extra)}");
    }

    [Fact]
    public void FunctionsApp_EveryFunction_HasExactlyOneKnownTrigger()
    {
        var unknown = Functions.Where(f => f.Trigger == TriggerKind.None).Select(f => f.Name);

        Assert.True(!unknown.Any(), $"Functions with no HTTP, orchestration or activity trigger (or more than one): {Describe(unknown)}");
    }

    [Fact]
    public void RouteCatalog_MethodAndTemplatePairs_AreUnique()
    {
        var duplicates = CirculationRoutes.All
            .GroupBy(r => (Method: r.Method.ToUpperInvariant(), r.Template))
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Method} /{g.Key.Template}");

        Assert.Empty(duplicates);
    }

    [Fact]
    public void RouteCatalog_Templates_HaveNoLeadingSlash()
    {
        Assert.All(CirculationRoutes.All, r => Assert.False(r.Template.StartsWith('/'), $"{r.Name}: '{r.Template}'"));
    }

    [Fact]
    public void HostJson_ServesRoutesAtTheRootAndNamesTheTaskHub()
    {
        string path = RepositoryFiles.PathOf("host.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var extensions = document.RootElement.GetProperty("extensions");

        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(string.IsNullOrWhiteSpace(extensions.GetProperty("durableTask").GetProperty("hubName").GetString()));
    }

    [Fact]
    public void HostJson_DefaultVersion_IsTheWorkflowsCurrentVersion() =>
        Assert.Equal(
            WorkflowVersions.Current,
            JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("host.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                .RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("defaultVersion").GetString());

    private enum TriggerKind
    {
        None,
        Http,
        Orchestration,
        Activity,
    }

    private sealed class FunctionMethod
    {
        public FunctionMethod(string name, MethodInfo method)
        {
            this.Name = name;
            this.Method = method;
            var parameters = method.GetParameters();
            var http = parameters.Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().ToList();
            this.Http = http.FirstOrDefault();
            var kinds = new List<TriggerKind>();
            kinds.AddRange(http.Select(_ => TriggerKind.Http));
            kinds.AddRange(parameters.Where(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null).Select(_ => TriggerKind.Orchestration));
            kinds.AddRange(parameters.Where(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).Select(_ => TriggerKind.Activity));
            this.Trigger = kinds.Count == 1 ? kinds[0] : TriggerKind.None;
        }

        public string Name { get; }

        public MethodInfo Method { get; }

        public HttpTriggerAttribute? Http { get; }

        public TriggerKind Trigger { get; }
    }
}
