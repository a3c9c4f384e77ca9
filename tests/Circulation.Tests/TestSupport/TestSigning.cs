using System.Security.Cryptography.X509Certificates;
using Circulation.TimestampAuthority;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Tests.TestSupport;

/// <summary>
/// The unit and workflow tests' signing: the development PKI (made once next to the test binaries, as ./run.sh makes
/// .local/pki) and the timestamp authority running in this process on 127.0.0.1, started on first use.
/// </summary>
public static class TestSigning
{
    private static readonly Lazy<DevelopmentPki> SharedPki = new(() => DevelopmentPki.Ensure(Path.Combine(AppContext.BaseDirectory, "test-pki")));
    private static readonly Lazy<Uri> SharedTimestampUrl = new(StartTimestampAuthority);

    /// <summary>The development PKI.</summary>
    public static DevelopmentPki Pki => SharedPki.Value;

    /// <summary>The in-process timestamp authority.</summary>
    public static Uri TimestampUrl => SharedTimestampUrl.Value;

    /// <summary>The "Signing" settings over the PKI and the timestamp authority at <paramref name="timestampUrl"/> (the in-process one by default).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(string? timestampUrl = null) =>
    [
        new("Signing:CertificatePfxPath", Pki.SigningPfxPath),
        new("Signing:CertificatePfxPassword", Pki.SigningPassword),
        new("Signing:TimestampUrl", timestampUrl ?? TimestampUrl.ToString()),
    ];

    /// <summary>The signing certificate of the PKI (public part).</summary>
    public static X509Certificate2 SigningCertificate() =>
        X509CertificateLoader.LoadPkcs12CollectionFromFile(Pki.SigningPfxPath, Pki.SigningPassword, X509KeyStorageFlags.EphemeralKeySet).Single(c => c.HasPrivateKey);

    private static Uri StartTimestampAuthority()
    {
        var app = TimestampAuthorityApp.Build(Pki, 0);
        app.StartAsync().GetAwaiter().GetResult();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
