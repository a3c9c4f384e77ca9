using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>One HTTP endpoint: its function name, method, route template and handler.</summary>
/// <param name="Name">The function name in the Functions app and the endpoint name in the local host.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Template">Route template without a leading slash, e.g. "api/letters/{id}".</param>
/// <param name="Parameter">The template's one parameter name, if any.</param>
/// <param name="Resolve">Finds the handler in the request's services.</param>
public sealed record CirculationRoute(string Name, string Method, string Template, string? Parameter, Func<IServiceProvider, RouteHandler> Resolve)
{
    /// <summary>Invokes the handler for <paramref name="context"/>.</summary>
    public Task<IResult> InvokeAsync(HttpContext context, Microsoft.DurableTask.Client.DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.Resolve(context.RequestServices)(context.Request, client, routeValue);
    }
}
