using Circulation.Office;
using Circulation.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Circulation.Tests.Office;

public sealed class OfficeClockTests
{
    private static OfficeClock Clock(DateTimeOffset now, string zone = "America/New_York") =>
        new(new ManualTimeProvider(now), Options.Create(new OfficeOptions { TimeZone = zone }));

    [Fact]
    public void Today_At0300UtcOn2December_Is1DecemberInNewYork()
    {
        Assert.Equal(new DateOnly(2026, 12, 1), Clock(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero)).Today());
    }

    [Fact]
    public void Today_At0500UtcOn2December_Is2DecemberInNewYork()
    {
        Assert.Equal(new DateOnly(2026, 12, 2), Clock(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero)).Today());
    }

    [Fact]
    public void Today_InSummer_FollowsDaylightSavingTime()
    {
        // 03:30 UTC on 1 July is 23:30 on 30 June in New York (UTC-4), and would be 1 July at UTC-5.
        Assert.Equal(new DateOnly(2026, 6, 30), Clock(new DateTimeOffset(2026, 7, 1, 3, 30, 0, TimeSpan.Zero)).Today());
        Assert.Equal(new DateOnly(2026, 7, 1), Clock(new DateTimeOffset(2026, 7, 1, 4, 0, 0, TimeSpan.Zero)).Today());
    }

    [Fact]
    public void Today_InAnotherConfiguredZone_IsThatZonesDate()
    {
        // Noon UTC on 1 December is already 2 December in Auckland (UTC+13).
        Assert.Equal(new DateOnly(2026, 12, 2), Clock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), "Pacific/Auckland").Today());
    }

    [Fact]
    public void AddCirculation_WithoutOfficeSettings_UsesNewYorkAndTheInjectedTimeProvider()
    {
        var now = new ManualTimeProvider(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        using var services = StartupValidation.Build(new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(now));
        var clock = services.GetRequiredService<OfficeClock>();

        Assert.Equal(new DateOnly(2026, 12, 1), clock.Today());
        now.SetUtcNow(new DateTimeOffset(2026, 12, 2, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 12, 2), clock.Today());
    }

    [Fact]
    public void AddCirculation_OfficeTimeZoneSetting_IsUsed()
    {
        var now = new ManualTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var services = StartupValidation.Build(new Dictionary<string, string?> { ["Office:TimeZone"] = "Pacific/Auckland" }, s => s.AddSingleton<TimeProvider>(now));

        Assert.Equal(new DateOnly(2026, 12, 2), services.GetRequiredService<OfficeClock>().Today());
    }

    [Theory]
    [InlineData("America/Atlantis")]
    [InlineData("New York")]
    [InlineData(" ")]
    public void Startup_UnknownTimeZone_IsRefusedNamingIt(string zone)
    {
        string? failure = StartupValidation.Failure(new Dictionary<string, string?> { ["Office:TimeZone"] = zone });

        Assert.Equal($"Office:TimeZone '{zone}' is not a time zone this machine knows: use an IANA time zone id such as America/New_York.", failure);
    }

    [Fact]
    public void Startup_DefaultTimeZone_Starts()
    {
        Assert.Null(StartupValidation.Failure(new Dictionary<string, string?>()));
    }
}
