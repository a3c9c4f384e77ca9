using System.Net;
using Circulation.IdentityProvider;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.Configuration.GetSection(ProviderSettings.Section).Get<ProviderSettings>() ?? new ProviderSettings();
var problems = settings.Problems().ToList();
StaffDirectory? staff = null;
if (problems.Count == 0)
{
    try
    {
        staff = StaffDirectory.Load(settings.StaffFile!, settings.Password);
    }
    catch (InvalidDataException ex)
    {
        problems.Add(ex.Message);
    }
}

if (staff is null)
{
    foreach (string problem in problems)
    {
        await Console.Error.WriteLineAsync($"Circulation identity provider cannot start: {problem}");
    }

    return 2;
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, settings.Port));
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(staff);
builder.Services.AddSingleton(TimeProvider.System);

// Everything this process signs or encrypts lives as long as it does (like its signing keys).
builder.Services.AddDataProtection().SetApplicationName("Circulation.IdentityProvider");
builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryXmlRepository());
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = ".Circulation.IdentityProvider.Antiforgery";
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.FormFieldName = "__RequestVerificationToken";
});
builder.Services.AddAuthentication()
    .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, options =>
    {
        options.Cookie.Name = ".Circulation.IdentityProvider";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = false;
    });

builder.Services.AddDbContext<ProviderDbContext>(options =>
{
    options.UseInMemoryDatabase("circulation-identity-provider");
    options.UseOpenIddict();
});
builder.Services.AddOpenIddict()
    .AddCore(options =>
    {
        options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>();
        options.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, LoopbackRedirectApplicationManager>();
    })
    .AddServer(options =>
    {
        options.SetIssuer(settings.IssuerUri);
        options.SetAuthorizationEndpointUris("connect/authorize")
            .SetTokenEndpointUris("connect/token")
            .SetUserInfoEndpointUris("connect/userinfo")
            .SetEndSessionEndpointUris("connect/endsession");
        options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
        options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain)); // S256 only.
        options.RegisterScopes([Scopes.OpenId, .. Clients.Scopes]);
        options.RegisterClaims(Claims.Subject, Claims.Email, Claims.Name, AuthorizationEndpoints.RolesClaim, Claims.AuthenticationTime);
        options.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(2))
            .SetIdentityTokenLifetime(TimeSpan.FromMinutes(10))
            .SetAccessTokenLifetime(TimeSpan.FromMinutes(10));
        options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
        options.UseAspNetCore()
            .EnableAuthorizationEndpointPassthrough()
            .EnableTokenEndpointPassthrough()
            .EnableUserInfoEndpointPassthrough()
            .EnableEndSessionEndpointPassthrough()
            .DisableTransportSecurityRequirement();
    });

var app = builder.Build();
app.Use((context, next) =>
{
    Pages.SecurityHeaders(context.Response, []);
    return next(context);
});
app.UseAuthentication();
app.MapSignInEndpoints();
app.MapAuthorizationEndpoints();

await Clients.RegisterAsync(app.Services, settings);
Log.Started(
    app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Circulation.IdentityProvider"),
    settings.IssuerUri,
    staff.Count,
    Path.GetFullPath(settings.StaffFile!),
    string.Join(", ", settings.Clients.Select(c => c.ClientId)),
    settings.AllowAnyLoopbackRedirectPort);
await app.RunAsync();
return 0;

/// <summary>
/// The local OpenID Connect provider Circulation signs in with on a developer's machine and in the
/// tests (in Azure, Entra ID through App Service Authentication plays this part).
/// </summary>
/// <remarks>
/// <para>
/// A separate process on http://127.0.0.1:{IdentityProvider:Port} (default 7073), and nowhere else;
/// issuer http://127.0.0.1:{port}/ unless IdentityProvider:Issuer says otherwise. It implements the
/// authorization code flow only, with PKCE required, for confidential clients read from
/// IdentityProvider:Clients:{n} (ClientId, ClientSecret, RedirectUris:{i}, PostLogoutRedirectUris:{i});
/// with IdentityProvider:AllowAnyLoopbackRedirectPort=true a client's http://127.0.0.1 redirect URIs
/// match on any port (<see cref="LoopbackRedirectApplicationManager"/>).
/// </para>
/// <para>
/// The people who can sign in are those of the staff directory file IdentityProvider:StaffFile
/// (required), all with the one password IdentityProvider:Password (default circulation-dev). The
/// id_token carries sub (the e-mail address, lower-cased), email, name and one roles claim per role.
/// Keys, sessions, codes and tokens are in memory: a restart signs everybody out.
/// </para>
/// </remarks>
internal sealed partial class Program;
