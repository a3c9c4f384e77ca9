using Circulation.Web;
using Microsoft.DurableTask.Client;

namespace Circulation.LocalHost;

/// <summary>Maps the shared HTTP handlers onto the local host's routes.</summary>
internal static class CirculationEndpointMapping
{
    /// <summary>Maps every route in the shared route catalog, exactly as the Functions app exposes them.</summary>
    public static WebApplication MapCirculationEndpoints(this WebApplication app)
    {
        foreach (var route in CirculationRoutes.All)
        {
            app.MapMethods(
                "/" + route.Template,
                [route.Method],
                (HttpContext context, DurableTaskClient client) =>
                    route.InvokeAsync(context, context.RequestServices, client, route.RouteValue(name => context.GetRouteValue(name) as string)))
                .WithName(route.Name)
                .DisableAntiforgery();
        }

        return app;
    }
}
