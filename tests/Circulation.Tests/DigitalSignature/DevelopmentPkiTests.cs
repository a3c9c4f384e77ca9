using System.Security.Cryptography.X509Certificates;
using Circulation.Tests.TestSupport;
using Circulation.TimestampAuthority;
using Xunit;

namespace Circulation.Tests.DigitalSignature;

/// <summary>The development PKI ./run.sh and ./test.sh make into .local/pki: made once, reused while valid.</summary>
public sealed class DevelopmentPkiTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"circulation-pki-{Guid.NewGuid():N}");

    [Fact]
    public void SecondRun_ReusesTheValidPki()
    {
        var first = DevelopmentPki.Ensure(this.directory);
        byte[] ca = File.ReadAllBytes(first.CaCertificatePath);
        byte[] signing = File.ReadAllBytes(first.SigningPfxPath);

        var second = DevelopmentPki.Ensure(this.directory);

        Assert.Equal(ca, File.ReadAllBytes(second.CaCertificatePath));
        Assert.Equal(signing, File.ReadAllBytes(second.SigningPfxPath));
    }

    [Fact]
    public void RunWithTheSigningCertificateAboutToExpire_MakesANewPki()
    {
        var first = DevelopmentPki.Ensure(this.directory);
        using var oldCa = first.LoadCaCertificate();

        var later = DevelopmentPki.Ensure(this.directory, new ManualTimeProvider(DateTimeOffset.UtcNow.AddYears(2).AddDays(-10)));

        using var newCa = later.LoadCaCertificate();
        Assert.NotEqual(oldCa.Thumbprint, newCa.Thumbprint);
    }

    [Fact]
    public void TimestampingCertificate_HasTheCriticalTimeStampingUsage_AndChainsToTheCa()
    {
        var pki = DevelopmentPki.Ensure(this.directory);
        using var tsa = pki.LoadTsaCertificate();
        using var ca = pki.LoadCaCertificate();

        var usage = Assert.Single(tsa.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.True(usage.Critical);
        Assert.Equal(["1.3.6.1.5.5.7.3.8"], usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.Equal(ca.Subject, tsa.Issuer);
        Assert.True(tsa.HasPrivateKey);
    }

    public void Dispose()
    {
        if (Directory.Exists(this.directory))
        {
            Directory.Delete(this.directory, recursive: true);
        }
    }
}
