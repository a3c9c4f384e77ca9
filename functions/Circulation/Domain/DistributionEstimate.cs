using System.Globalization;

namespace Circulation.Domain;

/// <summary>How far a distribution has come, in plain words, and when it should end at the pace so far.</summary>
/// <param name="Text">E.g. "120 of 241 sent, about 4 min left".</param>
/// <param name="EstimatedEnd">When the last copy should go, at the pace so far; null when unknown or done.</param>
public sealed record DistributionEstimate(string Text, DateTimeOffset? EstimatedEnd)
{
    /// <summary>The estimate for <paramref name="tally"/> at <paramref name="now"/>.</summary>
    public static DistributionEstimate Of(DeliveryTally tally, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tally);
        if (tally.Total == 0)
        {
            return new("Not distributed yet", null);
        }

        string counts = string.Create(CultureInfo.InvariantCulture, $"{tally.Sent} of {tally.Total} sent") + (tally.Failed > 0 ? $", {tally.Failed} failed" : "");
        if (tally.Remaining == 0)
        {
            return new(counts, null);
        }

        if (tally.WaitingUntil is { } until && until > now)
        {
            return new($"{counts}; {tally.Waiting} Next try at {until:HH:mm} UTC.", null);
        }

        int done = tally.Sent + tally.Failed;
        var elapsed = tally.StartedAt is { } started ? now - started : TimeSpan.Zero;
        if (done == 0 || elapsed <= TimeSpan.Zero)
        {
            return new($"{counts}, estimating the time left", null);
        }

        var left = TimeSpan.FromTicks((long)(elapsed.Ticks * ((double)tally.Remaining / done)));
        string words = left < TimeSpan.FromMinutes(1)
            ? "less than a minute left"
            : string.Create(CultureInfo.InvariantCulture, $"about {Math.Ceiling(left.TotalMinutes):0} min left");
        return new($"{counts}, {words}", now + left);
    }
}
