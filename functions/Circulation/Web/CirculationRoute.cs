using Circulation.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Circulation.Web;

/// <summary>One HTTP endpoint: its function name, method, route template and handler.</summary>
/// <param name="Name">The function name in the Functions app and the endpoint name in the local host.</param>
/// <param name="Method">GET or POST.</param>
/// <param name="Template">Route template without a leading slash, e.g. "api/letters/{id}".</param>
/// <param name="Parameter">The template's one parameter name, if any.</param>
/// <param name="Resolve">Finds the handler in the request's services.</param>
/// <param name="SecondParameter">
/// A second parameter, for the few routes with two (e.g. "api/letters/{id}/versions/{version}"); the handler then gets
/// both values as one route value, "first/second" (see <see cref="Join"/> and <see cref="Split"/>).
/// </param>
public sealed record CirculationRoute(
    string Name, string Method, string Template, string? Parameter, Func<IServiceProvider, RouteHandler> Resolve, string? SecondParameter = null)
{
    /// <summary>The route value a two-parameter route's handler gets: "<paramref name="first"/>/<paramref name="second"/>".</summary>
    public static string Join(string? first, string? second) => $"{first}/{second}";

    /// <summary>Splits a two-parameter route value made by <see cref="Join"/> (route values never contain '/').</summary>
    public static (string? First, string? Second) Split(string? routeValue)
    {
        int slash = routeValue?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash < 0 ? (routeValue, null) : (routeValue![..slash], routeValue[(slash + 1)..]);
    }

    /// <summary>The route value for the handler, reading each parameter with <paramref name="read"/>.</summary>
    public string? RouteValue(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return this.Parameter is null ? null : this.SecondParameter is null ? read(this.Parameter) : Join(read(this.Parameter), read(this.SecondParameter));
    }

    /// <summary>Invokes the handler for <paramref name="context"/>.</summary>
    public Task<IResult> InvokeAsync(HttpContext context, Microsoft.DurableTask.Client.DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(context);
        return this.InvokeAsync(context.RequestServices, context.Request, client, routeValue);
    }

    /// <summary>
    /// Invokes the handler with the request's services; a route about one letter ("{id}") runs inside
    /// <see cref="LetterTelemetry.Begin"/>, so its traces and logs carry the letter id.
    /// </summary>
    public async Task<IResult> InvokeAsync(IServiceProvider services, HttpRequest request, Microsoft.DurableTask.Client.DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(services);
        var handler = this.Resolve(services);
        string? letterId = this.Parameter == "id" ? Split(routeValue).First : null;
        if (string.IsNullOrEmpty(letterId))
        {
            return await handler(request, client, routeValue);
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CirculationRoute));
        using var scope = LetterTelemetry.Begin(logger, this.Name, letterId);
        return await handler(request, client, routeValue);
    }
}
