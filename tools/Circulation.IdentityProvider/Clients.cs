using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Circulation.IdentityProvider;

/// <summary>Registers the configured clients with OpenIddict at start-up.</summary>
internal static class Clients
{
    /// <summary>The scopes a client may ask for, besides openid.</summary>
    public static readonly string[] Scopes = [OpenIddictConstants.Scopes.Email, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Roles];

    /// <summary>Creates every client of <paramref name="settings"/> in the (empty, in-memory) store.</summary>
    public static async Task RegisterAsync(IServiceProvider services, ProviderSettings settings)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in settings.Clients)
        {
            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientType = ClientTypes.Confidential,
                ConsentType = ConsentTypes.Implicit,
                DisplayName = client.ClientId,
                Permissions =
                {
                    Permissions.Endpoints.Authorization,
                    Permissions.Endpoints.Token,
                    Permissions.Endpoints.EndSession,
                    Permissions.GrantTypes.AuthorizationCode,
                    Permissions.ResponseTypes.Code,
                },
                Requirements = { Requirements.Features.ProofKeyForCodeExchange },
            };
            foreach (string scopeName in Scopes)
            {
                descriptor.Permissions.Add(Permissions.Prefixes.Scope + scopeName);
            }

            foreach (string uri in client.RedirectUris)
            {
                descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            foreach (string uri in client.PostLogoutRedirectUris)
            {
                descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
            }

            await manager.CreateAsync(descriptor);
        }
    }
}
