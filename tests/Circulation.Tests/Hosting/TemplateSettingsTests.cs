using System.Text.RegularExpressions;
using Circulation.Functions.Access;
using Circulation.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Hosting;

/// <summary>
/// Holds infra/main.bicep against the Functions app. What the app reads is not listed here: the app's own registration
/// (<see cref="FunctionsAppServices.AddCirculationFunctionsApp"/>) runs over a configuration made of the template's settings
/// that records every value read, and every options class it registers is bound and validated as at start-up.
/// </summary>
public sealed partial class TemplateSettingsTests
{
    /// <summary>
    /// Settings the template sets for code not written yet, which the app does not
    /// read yet (none today). Each entry must still be unread: once the code lands, the test says to remove it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> PendingReads = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Settings this branch still requires that the template deliberately leaves out, because the contracts replace them.
    /// Each must still be required: once it is not, the test says to remove it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> PendingRequirements = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void EveryAppSettingTheTemplateSetsIsOneTheAppReads()
    {
        var run = StartUp.Run(InfraTemplate.AppSettings);

        var unread = InfraTemplate.AppSettings.Keys.Where(k => !run.Reads.Contains(k)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unexpected = unread.Where(k => !PendingReads.ContainsKey(k)).Order().ToList();
        var nowRead = PendingReads.Keys.Where(k => InfraTemplate.AppSettings.ContainsKey(k) && !unread.Contains(k)).Order().ToList();
        var gone = PendingReads.Keys.Where(k => !InfraTemplate.AppSettings.ContainsKey(k)).Order().ToList();

        Assert.True(unexpected.Count == 0, "The template sets settings the app never reads: " + string.Join(", ", unexpected));
        Assert.True(nowRead.Count == 0, "The app now reads these; remove them from PendingReads: " + string.Join(", ", nowRead));
        Assert.True(gone.Count == 0, "The template no longer sets these; remove them from PendingReads: " + string.Join(", ", gone));
    }

    [Fact]
    public void EverySettingTheAppRequiresAtStartUpIsSetByTheTemplate()
    {
        var run = StartUp.Run(AsDeployed());

        // A failure on a setting the template does set comes from the placeholder standing for a value Azure computes.
        var missing = run.Failures.Where(f => f.Path is null || !InfraTemplate.AppSettings.ContainsKey(f.Path)).ToList();
        var unexpected = missing.Where(f => f.Path is null || !PendingRequirements.ContainsKey(f.Path)).Select(f => f.ToString()).ToList();
        var noLongerRequired = PendingRequirements.Keys.Where(k => !missing.Any(f => string.Equals(f.Path, k, StringComparison.OrdinalIgnoreCase))).ToList();

        Assert.True(unexpected.Count == 0, "The app would not start with the template's settings: " + string.Join(" | ", unexpected));
        Assert.True(noLongerRequired.Count == 0, "No longer required; remove them from PendingRequirements: " + string.Join(", ", noLongerRequired));
    }

    /// <summary>
    /// The template's settings with the values Azure computes at deployment given as what they become there, where the
    /// app checks their form: a Key Vault reference resolves to the secret (the base64 of 32 random bytes), the active key
    /// id is the id the template generates the key under, the sender mailboxes (and the From address, the first of them)
    /// are the parameter's addresses, and the time zone is the parameter's default.
    /// </summary>
    private static Dictionary<string, string> AsDeployed()
    {
        var settings = new Dictionary<string, string>(InfraTemplate.AppSettings, StringComparer.OrdinalIgnoreCase);
        foreach (string key in settings.Keys.Where(k => k.StartsWith("Links:SigningKeys:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            settings[key] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }

        foreach (string key in settings.Keys.Where(k => k.StartsWith("Mail:Graph:Senders:", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            settings[key] = "pga.circulation@un.example";
        }

        // App Service sets it itself when the template's authsettingsV2 turns authentication on.
        settings[PlatformAuthOptions.AuthEnabledSetting] = "True";
        settings["Links:ActiveKeyId"] = InfraTemplate.FamilyMember;
        settings["Office:TimeZone"] = "America/New_York";
        if (settings.ContainsKey("Mail:FromAddress"))
        {
            settings["Mail:FromAddress"] = "pga.circulation@un.example";
        }
        return settings;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("False")]
    [InlineData("")]
    public void TheAppAsDeployed_WithoutAppServiceAuthentication_RefusesToStartNamingTheSetting(string? authEnabled)
    {
        var settings = AsDeployed();
        settings.Remove(PlatformAuthOptions.AuthEnabledSetting);
        if (authEnabled is not null)
        {
            settings[PlatformAuthOptions.AuthEnabledSetting] = authEnabled;
        }

        Assert.Contains(StartUpFailures(settings), f => f.StartsWith(PlatformAuthOptions.AuthEnabledSetting + " is ", StringComparison.Ordinal) && f.Contains("X-MS-CLIENT-PRINCIPAL", StringComparison.Ordinal));
    }

    [Fact]
    public void TheAppAsDeployed_WithAppServiceAuthenticationOn_IsNotRefusedForIt()
    {
        Assert.DoesNotContain(StartUpFailures(AsDeployed()), f => f.Contains(PlatformAuthOptions.AuthEnabledSetting, StringComparison.Ordinal));
    }

    /// <summary>
    /// What the validation the host runs at start-up (every ValidateOnStart) refuses over the app's registration; the
    /// placeholders for values Azure computes are refused too, so callers look for their own setting only.
    /// </summary>
    private static List<string> StartUpFailures(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCirculationFunctionsApp(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException one)
        {
            return [.. one.Failures];
        }
        catch (AggregateException many)
        {
            return [.. many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }

    [Fact]
    public void TheTaskHubAndTheAppReachStorageWithTheManagedIdentityOnly()
    {
        var settings = InfraTemplate.AppSettings;
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage:credential"]);
        foreach (string key in new[] { "AzureWebJobsStorage:blobServiceUri", "AzureWebJobsStorage:queueServiceUri", "AzureWebJobsStorage:tableServiceUri", "AzureWebJobsStorage:clientId" })
        {
            Assert.True(settings.ContainsKey(key), key + " is not set");
        }

        Assert.DoesNotContain(settings, s => s.Key.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings, s => s.Value.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NoAppSettingNameContainsCharactersAzureRefuses()
    {
        // App setting names are letters, digits, "_" and "." (so no signature image keyed by an e-mail address).
        Assert.All(InfraTemplate.AppSettings.Keys, key => Assert.Matches(AppSettingName(), key.Replace(":", "__", StringComparison.Ordinal)));
    }

    [GeneratedRegex("^[A-Za-z0-9_.]+$")]
    private static partial Regex AppSettingName();

    /// <summary>What one start-up of the Functions app's registration read and refused.</summary>
    private sealed record StartUp(IReadOnlySet<string> Reads, IReadOnlyList<StartUpFailure> Failures)
    {
        public static StartUp Run(IReadOnlyDictionary<string, string> settings)
        {
            var recording = new RecordingConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
                .Build());
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddCirculationFunctionsApp(recording);

            var optionsTypes = services
                .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IConfigureOptions<>))
                .Select(d => d.ServiceType.GetGenericArguments()[0])
                .Where(t => t.Namespace?.StartsWith("Circulation", StringComparison.Ordinal) == true)
                .Distinct()
                .ToList();
            Assert.NotEmpty(optionsTypes);

            using var provider = services.BuildServiceProvider();
            var failures = new List<StartUpFailure>();
            foreach (var type in optionsTypes)
            {
                var before = recording.Reads;
                var optionsType = typeof(IOptions<>).MakeGenericType(type);
                try
                {
                    _ = optionsType.GetProperty(nameof(IOptions<object>.Value))!.GetValue(provider.GetRequiredService(optionsType));
                }
                catch (System.Reflection.TargetInvocationException wrapped) when (wrapped.InnerException is OptionsValidationException ex)
                {
                    // The binder skips a section that has no values at all, so a member's path is then its section's.
                    var paths = recording.Reads.Except(before, StringComparer.OrdinalIgnoreCase).ToList();
                    failures.AddRange(ex.Failures.Select(f => new StartUpFailure(type.Name, PathOf(f, paths) ?? PathOf(f, SectionOf(type)) ?? NamedPath(f, SectionOf(type)), f)));
                }
            }

            return new StartUp(recording.Reads, failures);
        }

        private static string? PathOf(string failure, IReadOnlyList<string> paths)
        {
            var member = MemberName().Match(failure);
            if (!member.Success)
            {
                return null;
            }

            string suffix = ":" + member.Groups[1].Value;
            return paths.SingleOrDefault(p => p.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        }

        private static string? PathOf(string failure, string? section)
        {
            var member = MemberName().Match(failure);
            return member.Success && section is not null ? section + ":" + member.Groups[1].Value : null;
        }

        /// <summary>The setting a validator's own message starts with ("Signing:TimestampUrl must be ..."), in the options' section.</summary>
        private static string? NamedPath(string failure, string? section)
        {
            string first = failure.Split(' ', 2)[0];
            return section is not null && first.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) ? first : null;
        }

        /// <summary>The section an options class declares it binds to (its <c>Section</c> or <c>SectionName</c> constant).</summary>
        private static string? SectionOf(Type options) =>
            (options.GetField("Section") ?? options.GetField("SectionName"))?.GetRawConstantValue() as string;
    }

    private sealed record StartUpFailure(string Options, string? Path, string Message)
    {
        public override string ToString() => $"{this.Options} ({this.Path ?? "no setting named"}): {this.Message}";
    }

    [GeneratedRegex("members: '([^']+)'")]
    private static partial Regex MemberName();
}
