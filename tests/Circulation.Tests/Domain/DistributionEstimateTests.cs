using Circulation.Domain;
using Xunit;

namespace Circulation.Tests.Domain;

public sealed class DistributionEstimateTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HalfSentInFourMinutes_SaysAboutFourMinutesLeft_AndEndsFourMinutesLater()
    {
        var tally = new DeliveryTally(240, 119, 1, Started);

        var estimate = DistributionEstimate.Of(tally, Started.AddMinutes(4));

        Assert.Equal("119 of 240 sent, 1 failed, about 4 min left", estimate.Text);
        Assert.Equal(Started.AddMinutes(8), estimate.EstimatedEnd);
    }

    [Fact]
    public void NothingSentYet_SaysItIsEstimating_WithoutAnEnd()
    {
        var estimate = DistributionEstimate.Of(new DeliveryTally(241, 0, 0, Started), Started.AddSeconds(5));

        Assert.Equal(("0 of 241 sent, estimating the time left", (DateTimeOffset?)null), (estimate.Text, estimate.EstimatedEnd));
    }

    [Fact]
    public void LastFewSeconds_SaysLessThanAMinuteLeft()
    {
        var estimate = DistributionEstimate.Of(new DeliveryTally(241, 231, 0, Started), Started.AddMinutes(8));

        Assert.Equal("231 of 241 sent, less than a minute left", estimate.Text);
    }

    [Fact]
    public void CopiesWaitingForAMailbox_SaysWhyAndUntilWhen_WithoutAnEnd()
    {
        var tally = new DeliveryTally(241, 200, 0, Started, Started.AddHours(3), "41 copies wait to be tried again: the daily limit is reached.");

        var estimate = DistributionEstimate.Of(tally, Started.AddMinutes(10));

        Assert.Equal("200 of 241 sent; 41 copies wait to be tried again: the daily limit is reached. Next try at 17:00 UTC.", estimate.Text);
        Assert.Null(estimate.EstimatedEnd);
    }

    [Fact]
    public void Finished_GivesTheTotalsOnly()
    {
        var estimate = DistributionEstimate.Of(new DeliveryTally(241, 239, 2, Started), Started.AddMinutes(9));

        Assert.Equal(("239 of 241 sent, 2 failed", (DateTimeOffset?)null), (estimate.Text, estimate.EstimatedEnd));
    }
}
