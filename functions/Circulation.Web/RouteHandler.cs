using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>
/// The shape of every HTTP handler, shared by both shells: the request, the durable client (from DI in the
/// local host, from the [DurableClient] binding in Functions) and the route's one parameter, if any.
/// </summary>
public delegate Task<IResult> RouteHandler(HttpRequest request, DurableTaskClient client, string? routeValue);
