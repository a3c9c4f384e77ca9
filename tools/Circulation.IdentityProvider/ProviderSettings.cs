using System.Globalization;

namespace Circulation.IdentityProvider;

/// <summary>The <c>IdentityProvider</c> configuration section.</summary>
internal sealed class ProviderSettings
{
    /// <summary>The section's name.</summary>
    public const string Section = "IdentityProvider";

    /// <summary>Port on 127.0.0.1 (the provider never listens on another address).</summary>
    public int Port { get; set; } = 7073;

    /// <summary>The issuer; defaults to http://127.0.0.1:{Port}/.</summary>
    public string? Issuer { get; set; }

    /// <summary>Path of the staff directory (JSON, <c>{"people": [...]}</c>); required.</summary>
    public string? StaffFile { get; set; }

    /// <summary>The one development password of every person in the directory.</summary>
    public string Password { get; set; } = "circulation-dev";

    /// <summary>
    /// Accepts, for every client, a redirect or post-logout URI that differs from a registered
    /// http://127.0.0.1:{port}/... URI only in its port (RFC 8252 §7.3). Off unless set.
    /// </summary>
    public bool AllowAnyLoopbackRedirectPort { get; set; }

    /// <summary>The client applications (the Circulation hosts).</summary>
    public List<ClientSettings> Clients { get; set; } = [];

    /// <summary>The issuer as a URI, with a trailing slash.</summary>
    public Uri IssuerUri => new(string.IsNullOrWhiteSpace(this.Issuer)
        ? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{this.Port}/")
        : this.Issuer.TrimEnd('/') + "/");

    /// <summary>What is wrong with this configuration, or nothing; read once at start-up.</summary>
    public IEnumerable<string> Problems()
    {
        if (this.Port is < 1 or > 65535)
        {
            yield return $"{Section}:Port must be between 1 and 65535 (it is {this.Port}).";
        }

        if (!string.IsNullOrWhiteSpace(this.Issuer) && !Uri.TryCreate(this.Issuer, UriKind.Absolute, out _))
        {
            yield return $"{Section}:Issuer must be an absolute URL (it is '{this.Issuer}').";
        }

        if (string.IsNullOrWhiteSpace(this.StaffFile))
        {
            yield return $"{Section}:StaffFile is required: the path of the staff directory (e.g. functions/Circulation/Staff/staff.json).";
        }

        if (string.IsNullOrEmpty(this.Password))
        {
            yield return $"{Section}:Password must not be empty.";
        }

        if (this.Clients.Count == 0)
        {
            yield return $"{Section}:Clients needs at least one client ({Section}:Clients:0:ClientId, :ClientSecret, :RedirectUris:0).";
        }

        for (int i = 0; i < this.Clients.Count; i++)
        {
            foreach (string problem in this.Clients[i].Problems($"{Section}:Clients:{i}"))
            {
                yield return problem;
            }
        }

        if (this.Clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() != this.Clients.Count)
        {
            yield return $"{Section}:Clients has the same ClientId twice.";
        }
    }
}

/// <summary>One client application: a confidential client using the authorization code flow with PKCE.</summary>
internal sealed class ClientSettings
{
    /// <summary>The client_id.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client_secret (client_secret_basic or client_secret_post).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Exact redirect URIs (see <see cref="ProviderSettings.AllowAnyLoopbackRedirectPort"/> for the one exception).</summary>
    public List<string> RedirectUris { get; set; } = [];

    /// <summary>Exact post-logout redirect URIs.</summary>
    public List<string> PostLogoutRedirectUris { get; set; } = [];

    /// <summary>What is wrong with this client, or nothing.</summary>
    public IEnumerable<string> Problems(string key)
    {
        if (string.IsNullOrWhiteSpace(this.ClientId))
        {
            yield return $"{key}:ClientId is required.";
        }

        if (string.IsNullOrEmpty(this.ClientSecret))
        {
            yield return $"{key}:ClientSecret is required.";
        }

        if (this.RedirectUris.Count == 0)
        {
            yield return $"{key}:RedirectUris needs at least one URI.";
        }

        foreach (string uri in this.RedirectUris.Concat(this.PostLogoutRedirectUris))
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(parsed.Fragment))
            {
                yield return $"{key}: '{uri}' is not an absolute http(s) URI without a fragment.";
            }
        }
    }
}
