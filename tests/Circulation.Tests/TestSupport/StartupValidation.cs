using Circulation.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// Runs the start-up validation of <c>AddCirculation</c> over a set of settings, as a host does before it starts
/// (ValidateOnStart), without starting anything.
/// </summary>
public static class StartupValidation
{
    /// <summary>Settings every section accepts; tests override or remove (null) one at a time.</summary>
    public static IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["Links:SigningKeys:k1"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7 + 1)).ToArray()),
        ["Links:ActiveKeyId"] = "k1",
        ["Links:PublicBaseUrl"] = "http://127.0.0.1:7071",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Signing:CertificatePfxPath"] = TestSigning.Pki.SigningPfxPath,
        ["Signing:CertificatePfxPassword"] = TestSigning.Pki.SigningPassword,
        ["Signing:TimestampUrl"] = "http://127.0.0.1:1/",
    };

    /// <summary>The start-up failure's message with <paramref name="changes"/> applied (a null value removes the key), or null when it would start.</summary>
    public static string? Failure(IReadOnlyDictionary<string, string?> changes)
    {
        using var provider = Build(changes);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
        catch (AggregateException ex)
        {
            return string.Join("; ", ex.InnerExceptions.Select(e => e.Message));
        }
    }

    /// <summary>
    /// The services <c>AddCirculation</c> registers over <see cref="ValidSettings"/> with <paramref name="changes"/> applied,
    /// after <paramref name="before"/> (e.g. a test's TimeProvider) has registered its own.
    /// </summary>
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> changes, Action<IServiceCollection>? before = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var settings = new Dictionary<string, string?>(ValidSettings, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        before?.Invoke(services);
        services.AddCirculation(configuration);
        return services.BuildServiceProvider();
    }
}
