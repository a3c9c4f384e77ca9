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
    /// <summary>Who may call the route (default: any signed-in person of the Office); enforced by <see cref="RequestGuard"/>.</summary>
    public RouteAccess Access { get; init; } = RouteAccess.Staff;

    /// <summary>What the OpenAPI document says of the route (required for every "api/" route, absent on pages); see <see cref="ApiDocument"/>.</summary>
    public RouteDoc? Doc { get; init; }

    /// <summary>
    /// The Content-Type a state-changing API route requires of a request with a body or a type (default
    /// application/json; null when the handler checks it itself). A cross-site form can only send form or text content
    /// types, so this keeps JSON endpoints out of its reach.
    /// </summary>
    public string? RequestContentType { get; init; } = "application/json";

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

    /// <summary>Invokes the handler for <paramref name="context"/>, once <see cref="RequestGuard"/> has let the request through.</summary>
    /// <param name="context">The request.</param>
    /// <param name="services">The app's services (the request's in the local host, the function's instance services in Functions).</param>
    /// <param name="client">The durable client.</param>
    /// <param name="routeValue">The route's parameter value(s), see <see cref="RouteValue"/>.</param>
    public async Task<IResult> InvokeAsync(HttpContext context, IServiceProvider services, Microsoft.DurableTask.Client.DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        var guard = services.GetRequiredService<RequestGuard>();
        try
        {
            if (await guard.CheckAsync(this, context, client, routeValue) is { } refusal)
            {
                return refusal;
            }

            // A route about one letter ("{id}") runs inside LetterTelemetry.Begin, so its traces and logs carry the letter id.
            string? letterId = this.Parameter == "id" ? Split(routeValue).First : null;
            using var scope = string.IsNullOrEmpty(letterId)
                ? null
                : LetterTelemetry.Begin(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CirculationRoute)), this.Name, letterId);
            return await this.Resolve(services)(context.Request, client, routeValue);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Whatever failed, the client gets a plain answer with a reference, never the exception's own message.
            return guard.Unexpected(this, context, ex);
        }
    }
}
