using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Circulation.Tests.Hosting;

/// <summary>
/// The app settings infra/main.bicep gives the Function App, read from the template the Bicep CLI compiles (the CLI
/// ./test.sh installs from NuGet into .tools). Keys are in configuration form (":" for "__").
/// </summary>
internal static partial class InfraTemplate
{
    /// <summary>The value given to settings whose value Azure computes at deployment (an endpoint, a parameter).</summary>
    public const string DeploymentValue = "https://example.invalid/";

    /// <summary>The member name standing for every member of a setting family ("Mail__Graph__Senders__{i}").</summary>
    public const string FamilyMember = "0";

    private static readonly Lazy<JsonObject> Compiled = new(Compile);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(LoadAppSettings);

    /// <summary>Every app setting: literal values as written, computed ones as <see cref="DeploymentValue"/>.</summary>
    public static IReadOnlyDictionary<string, string> AppSettings => Settings.Value;

    /// <summary>The repository root (the folder holding Circulation.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The compiled template of one of main.bicep's modules, by its deployment name ("keyvault", "rbac", "api").</summary>
    public static JsonObject Module(string deploymentName) => NestedTemplate(Compiled.Value, deploymentName);

    private static IReadOnlyDictionary<string, string> LoadAppSettings()
    {
        var api = Module("api");
        var variables = api["variables"]?.AsObject() ?? [];
        var config = api["resources"]!.AsArray()
            .Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.Web/sites/config" && ((string?)r["name"] ?? "").Contains("appsettings", StringComparison.Ordinal));
        string expression = config["properties"]!.GetValue<string>();

        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match variable in VariableReference().Matches(expression))
        {
            var value = variables[variable.Groups[1].Value] ?? throw new InvalidOperationException($"No variable {variable.Groups[1].Value} in the api module.");
            if (value is JsonObject literal)
            {
                foreach (var (key, setting) in literal)
                {
                    string text = setting?.GetValue<string>() ?? "";
                    settings[ToConfigurationKey(key)] = text.StartsWith('[') ? DeploymentValue : text;
                }
            }
            else
            {
                foreach (Match family in FormattedKey().Matches(value.GetValue<string>()))
                {
                    settings[ToConfigurationKey(family.Groups[1].Value + FamilyMember)] = DeploymentValue;
                }
            }
        }

        foreach (Match created in CreatedKey().Matches(expression))
        {
            settings[ToConfigurationKey(created.Groups[1].Value)] = DeploymentValue;
        }

        return settings;
    }

    private static string ToConfigurationKey(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);

    private static JsonObject NestedTemplate(JsonObject template, string deploymentName) =>
        template["resources"]!.AsArray()
            .Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)["properties"]!["template"]!.AsObject();

    private static JsonObject Compile()
    {
        string bicep = Environment.GetEnvironmentVariable("CIRCULATION_TEST_BICEP") is { Length: > 0 } fromScript
            ? fromScript
            : Path.Combine(RepositoryRoot, ".tools", "nuget", "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        if (!File.Exists(bicep))
        {
            throw new InvalidOperationException($"The Bicep CLI is not at {bicep}: run ./test.sh, which installs it from NuGet.");
        }

        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(Path.Combine(RepositoryRoot, "infra", "main.bicep"));
        start.ArgumentList.Add("--stdout");
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({process.ExitCode}): {stderr.Result}");
        }

        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Circulation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Circulation.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9_]+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"format\('([A-Za-z0-9_]+)\{0\}'")]
    private static partial Regex FormattedKey();

    [GeneratedRegex(@"createObject\('([A-Za-z0-9_]+)'")]
    private static partial Regex CreatedKey();
}
