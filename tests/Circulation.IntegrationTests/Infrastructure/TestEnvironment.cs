using System.Globalization;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// What ./test.sh provides: the Azurite and smtp4dev it started, and the Chromium to drive. The tests
/// fail with a pointer to ./test.sh when a variable is missing.
/// </summary>
internal static class TestEnvironment
{
    /// <summary>Connection string of the test Azurite (blob, queue and table endpoints).</summary>
    public static string StorageConnectionString => Required("CIRCULATION_TEST_STORAGE");

    /// <summary>The test smtp4dev's SMTP port on 127.0.0.1.</summary>
    public static int SmtpPort => int.Parse(Required("CIRCULATION_TEST_SMTP_PORT"), CultureInfo.InvariantCulture);

    /// <summary>The test smtp4dev's web/REST base address.</summary>
    public static Uri Smtp4devUrl => new(Required("CIRCULATION_TEST_SMTP4DEV_URL").TrimEnd('/') + "/");

    /// <summary>The local OpenID Connect provider ./test.sh started (its issuer URL).</summary>
    public static Uri IdentityProviderUrl => new(Required("CIRCULATION_TEST_IDP_URL").TrimEnd('/') + "/");

    /// <summary>The client id the test hosts use at the provider.</summary>
    public static string IdentityProviderClientId => Environment.GetEnvironmentVariable("CIRCULATION_TEST_IDP_CLIENT_ID") is { Length: > 0 } id ? id : "circulation-tests";

    /// <summary>The client secret the test hosts use at the provider.</summary>
    public static string IdentityProviderClientSecret => Required("CIRCULATION_TEST_IDP_CLIENT_SECRET");

    /// <summary>The provider's one development password (README, "Signing in locally").</summary>
    public static string IdentityProviderPassword => Environment.GetEnvironmentVariable("CIRCULATION_TEST_IDP_PASSWORD") is { Length: > 0 } p ? p : "circulation-dev";

    /// <summary>The development PKI ./test.sh made (.local/pki): ca.crt, signing.pfx with signing.password.</summary>
    public static string PkiDirectory => Required("CIRCULATION_TEST_PKI_DIR");

    /// <summary>The local RFC 3161 timestamp authority ./test.sh started.</summary>
    public static Uri TimestampUrl => new(Required("CIRCULATION_TEST_TSA_URL"));

    /// <summary>Path of the Chromium binary Playwright drives (Debian's, never a downloaded one).</summary>
    public static string Chromium => Required("CIRCULATION_TEST_CHROMIUM");

    /// <summary>The repository root (the folder holding Circulation.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Build configuration of this test assembly (Release or Debug), read from its output path.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Release";

    /// <summary>Folder of the built local host (its dll and appsettings.json); CIRCULATION_TEST_HOST_DIR overrides.</summary>
    public static string HostDirectory =>
        Environment.GetEnvironmentVariable("CIRCULATION_TEST_HOST_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(RepositoryRoot, "functions", "Circulation.LocalHost", "bin", Configuration, "net10.0");

    /// <summary>Host logs and screenshots: next to the test binaries (never committed).</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Optional folder where each started host's PID is written, so ./test.sh can stop leftovers.</summary>
    public static string? PidDirectory => Environment.GetEnvironmentVariable("CIRCULATION_TEST_PID_DIR") is { Length: > 0 } dir ? dir : null;

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The environment variable {name} is not set. Run the integration tests through ./test.sh, which starts a test Azurite and smtp4dev and sets it.");

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Circulation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Circulation.sln above {AppContext.BaseDirectory}.");
    }
}
