using Circulation.Web;
using Xunit;

namespace Circulation.Tests.Web;

public sealed class CirculationRouteTests
{
    [Fact]
    public void JoinThenSplit_TwoValues_GivesThemBack()
    {
        Assert.Equal(("L20261125-103512-7K2QX9", "3"), CirculationRoute.Split(CirculationRoute.Join("L20261125-103512-7K2QX9", "3")));
    }

    [Fact]
    public void Split_OneValue_HasNoSecond()
    {
        Assert.Equal(("L20261125-103512-7K2QX9", (string?)null), CirculationRoute.Split("L20261125-103512-7K2QX9"));
        Assert.Equal(((string?)null, (string?)null), CirculationRoute.Split(null));
    }

    [Fact]
    public void RouteValue_ReadsEachDeclaredParameter()
    {
        var values = new Dictionary<string, string?> { ["id"] = "L20261125-103512-7K2QX9", ["version"] = "2" };
        var two = CirculationRoutes.All.Single(r => r.Name == "GetLetterVersionPdf");
        var one = CirculationRoutes.All.Single(r => r.Name == "GetLetter");
        var none = CirculationRoutes.All.Single(r => r.Name == "CreateDraft");

        Assert.Equal("L20261125-103512-7K2QX9/2", two.RouteValue(n => values[n]));
        Assert.Equal("L20261125-103512-7K2QX9", one.RouteValue(n => values[n]));
        Assert.Null(none.RouteValue(n => values[n]));
    }
}
