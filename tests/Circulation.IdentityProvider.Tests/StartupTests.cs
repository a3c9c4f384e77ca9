using Circulation.IdentityProvider.Tests.Infrastructure;
using Xunit;

namespace Circulation.IdentityProvider.Tests;

/// <summary>A provider without a usable staff directory or client refuses to start, saying why.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task MissingStaffFileSetting_ExitsWithAMessageNamingTheSetting()
    {
        var settings = ProviderFixture.Settings("secret");
        settings.Remove("IdentityProvider__StaffFile");

        var (exitCode, output) = await ProviderProcess.RunToExitAsync(settings);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IdentityProvider:StaffFile is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffFileThatDoesNotExist_ExitsWithAMessageNamingTheFile()
    {
        var settings = ProviderFixture.Settings("secret");
        settings["IdentityProvider__StaffFile"] = "/nonexistent/staff.json";

        var (exitCode, output) = await ProviderProcess.RunToExitAsync(settings);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("/nonexistent/staff.json", output, StringComparison.Ordinal);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"people\": []}")]
    [InlineData("{\"people\": [{\"name\": \"No Address\"}]}")]
    [InlineData("{\"people\": [{\"email\": \"a@un.example\", \"name\": \"A\"}, {\"email\": \"A@un.example\", \"name\": \"B\"}]}")]
    public async Task InvalidStaffFile_ExitsWithAMessageNamingTheFile(string content)
    {
        string file = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, content);
        try
        {
            var settings = ProviderFixture.Settings("secret");
            settings["IdentityProvider__StaffFile"] = file;

            var (exitCode, output) = await ProviderProcess.RunToExitAsync(settings);

            Assert.NotEqual(0, exitCode);
            Assert.Contains($"Circulation identity provider cannot start: The staff directory {file}", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task NoClient_ExitsWithAMessageNamingTheSetting()
    {
        var settings = ProviderFixture.Settings("secret");
        settings.Remove("IdentityProvider__Clients__0__ClientId");
        settings.Remove("IdentityProvider__Clients__0__ClientSecret");
        settings.Remove("IdentityProvider__Clients__0__RedirectUris__0");
        settings.Remove("IdentityProvider__Clients__0__PostLogoutRedirectUris__0");

        var (exitCode, output) = await ProviderProcess.RunToExitAsync(settings);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("IdentityProvider:Clients needs at least one client", output, StringComparison.Ordinal);
    }
}
