using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Circulation.IdentityProvider;

/// <summary>
/// OpenIddict's application manager with one change, only when
/// <see cref="ProviderSettings.AllowAnyLoopbackRedirectPort"/> is on: a redirect_uri or
/// post_logout_redirect_uri that is not registered exactly is still accepted if it is
/// <c>http://127.0.0.1:{any port}/...</c> (or <c>http://[::1]:{port}/...</c>) and a registered URI of
/// the same client is identical to it except for the port, as RFC 8252 §7.3 allows for loopback
/// redirects. Scheme, host, path and query must match exactly; names such as <c>localhost</c> never
/// qualify (RFC 8252 §8.3).
/// </summary>
/// <remarks>
/// Why: the tests start several Circulation hosts, each on a port the operating system picked, and each
/// registers <c>http://127.0.0.1:{its port}/signin-oidc</c>; a provider shared by them cannot list
/// those ports in advance. Doing it here rather than in a server event handler keeps a single answer to
/// "is this URI one of this client's" for every OpenIddict check that asks (authorization, end session,
/// and the look-up of a client by post_logout_redirect_uri when the request names no client).
/// Everything else, including the comparison of the token request's redirect_uri with the one the
/// code was issued for, stays OpenIddict's exact match.
/// </remarks>
internal sealed class LoopbackRedirectApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    ProviderSettings settings)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    /// <inheritdoc/>
    public override async ValueTask<bool> ValidateRedirectUriAsync(
        OpenIddictEntityFrameworkCoreApplication application,
        [StringSyntax(StringSyntaxAttribute.Uri)] string uri,
        CancellationToken cancellationToken = default)
    {
        return await base.ValidateRedirectUriAsync(application, uri, cancellationToken)
            || (settings.AllowAnyLoopbackRedirectPort && MatchesIgnoringLoopbackPort(uri, await this.GetRedirectUrisAsync(application, cancellationToken)));
    }

    /// <inheritdoc/>
    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(
        OpenIddictEntityFrameworkCoreApplication application,
        [StringSyntax(StringSyntaxAttribute.Uri)] string uri,
        CancellationToken cancellationToken = default)
    {
        return await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken)
            || (settings.AllowAnyLoopbackRedirectPort && MatchesIgnoringLoopbackPort(uri, await this.GetPostLogoutRedirectUrisAsync(application, cancellationToken)));
    }

    /// <inheritdoc/>
    public override IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByPostLogoutRedirectUriAsync(
        [StringSyntax(StringSyntaxAttribute.Uri)] string uri,
        CancellationToken cancellationToken = default) =>
        this.FindAsync(uri, base.FindByPostLogoutRedirectUriAsync(uri, cancellationToken), this.GetPostLogoutRedirectUrisAsync, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindByRedirectUriAsync(
        [StringSyntax(StringSyntaxAttribute.Uri)] string uri,
        CancellationToken cancellationToken = default) =>
        this.FindAsync(uri, base.FindByRedirectUriAsync(uri, cancellationToken), this.GetRedirectUrisAsync, cancellationToken);

    /// <summary>
    /// True if <paramref name="requested"/> is an http loopback-IP URI with an explicit port and one of
    /// <paramref name="registered"/> equals it once its port is replaced by the requested one.
    /// </summary>
    internal static bool MatchesIgnoringLoopbackPort(string requested, IEnumerable<string> registered)
    {
        if (!IsLoopbackIpUri(requested, out var asked) || !string.IsNullOrEmpty(asked.Fragment) || asked.UserInfo.Length > 0)
        {
            return false;
        }

        foreach (string candidate in registered)
        {
            if (IsLoopbackIpUri(candidate, out var known) && known.UserInfo.Length == 0)
            {
                var withAskedPort = new UriBuilder(known) { Port = asked.Port }.Uri;
                if (string.Equals(withAskedPort.AbsoluteUri, asked.AbsoluteUri, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsLoopbackIpUri(string value, out Uri uri)
    {
        // The host must be an IP literal: IPAddress.TryParse refuses "localhost" and other names.
        return Uri.TryCreate(value, UriKind.Absolute, out uri!)
            && uri.Scheme == Uri.UriSchemeHttp
            && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip)
            && IPAddress.IsLoopback(ip)
            && value.StartsWith($"http://{uri.Authority}", StringComparison.Ordinal)
            && !uri.IsDefaultPort;
    }

    private async IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> FindAsync(
        string uri,
        IAsyncEnumerable<OpenIddictEntityFrameworkCoreApplication> exact,
        Func<OpenIddictEntityFrameworkCoreApplication, CancellationToken, ValueTask<System.Collections.Immutable.ImmutableArray<string>>> uris,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool any = false;
        await foreach (var application in exact.WithCancellation(cancellationToken))
        {
            any = true;
            yield return application;
        }

        if (any || !settings.AllowAnyLoopbackRedirectPort || !IsLoopbackIpUri(uri, out _))
        {
            yield break;
        }

        await foreach (var application in this.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (MatchesIgnoringLoopbackPort(uri, await uris(application, cancellationToken)))
            {
                yield return application;
            }
        }
    }
}
