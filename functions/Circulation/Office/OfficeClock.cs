using Microsoft.Extensions.Options;

namespace Circulation.Office;

/// <summary>
/// The time as the Office sees it: the current instant, and today's date in the Office's time zone
/// (<see cref="OfficeOptions.TimeZone"/>), which is the date a letter carries when none is given. In New York a letter
/// written at 22:00 on 1 December is dated 1 December, although it is already 2 December in UTC.
/// </summary>
public sealed class OfficeClock
{
    private readonly TimeProvider clock;

    /// <summary>Creates the clock over <paramref name="clock"/> in the configured zone.</summary>
    public OfficeClock(TimeProvider clock, IOptions<OfficeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        this.clock = clock;
        this.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
    }

    /// <summary>The Office's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The current instant (UTC).</summary>
    public DateTimeOffset GetUtcNow() => this.clock.GetUtcNow();

    /// <summary>Today's date in the Office's time zone.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(this.clock.GetUtcNow(), this.TimeZone).DateTime);
}
