using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace Circulation.IdentityProvider.Tests.Infrastructure;

/// <summary>
/// One provider process for a test class, configured like ./run.sh configures it: the test staff
/// directory, one confidential client whose registered redirect URI is on port 5000, and any loopback
/// port allowed (as the tests' several app hosts need).
/// </summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    /// <summary>The client's id.</summary>
    public const string ClientId = "circulation-tests";

    /// <summary>The registered redirect URI; with a loopback port rule, any port of it is accepted.</summary>
    public const string RegisteredRedirectUri = "http://127.0.0.1:5000/signin-oidc";

    /// <summary>The registered post-logout redirect URI.</summary>
    public const string RegisteredPostLogoutRedirectUri = "http://127.0.0.1:5000/signed-out";

    private ProviderProcess? provider;

    /// <summary>This run's client secret.</summary>
    public string ClientSecret { get; } = "secret-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The provider process.</summary>
    public ProviderProcess Provider => this.provider ?? throw new InvalidOperationException("The provider has not started.");

    /// <summary>The issuer (http://127.0.0.1:{port}/).</summary>
    public Uri Issuer => this.Provider.BaseUrl;

    /// <summary>The signing keys of the provider's JWKS.</summary>
    public IList<SecurityKey> SigningKeys { get; private set; } = [];

    /// <summary>The settings every provider of these tests starts with (the port is added by <see cref="ProviderProcess"/>).</summary>
    public static Dictionary<string, string> Settings(string clientSecret) => new(StringComparer.Ordinal)
    {
        ["IdentityProvider__StaffFile"] = Path.Combine(AppContext.BaseDirectory, "staff.json"),
        ["IdentityProvider__AllowAnyLoopbackRedirectPort"] = "true",
        ["IdentityProvider__Clients__0__ClientId"] = ClientId,
        ["IdentityProvider__Clients__0__ClientSecret"] = clientSecret,
        ["IdentityProvider__Clients__0__RedirectUris__0"] = RegisteredRedirectUri,
        ["IdentityProvider__Clients__0__PostLogoutRedirectUris__0"] = RegisteredPostLogoutRedirectUri,
    };

    /// <summary>A fresh browser (no cookies) on this provider.</summary>
    public OidcBrowser NewBrowser() => new(this);

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        this.provider = await ProviderProcess.StartAsync(Settings(this.ClientSecret));
        using var http = new HttpClient();
        string jwks = await http.GetStringAsync(new Uri(this.Issuer, ".well-known/jwks"));
        this.SigningKeys = new JsonWebKeySet(jwks).GetSigningKeys();
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (this.provider is not null)
        {
            await this.provider.DisposeAsync();
        }
    }
}
