using System.Security.Claims;
using Circulation.Access;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Circulation.Functions.Access;

/// <summary>
/// Turns the principal App Service Authentication passes in X-MS-CLIENT-PRINCIPAL into the request's user (the isolated
/// worker does not do it), so the shared <see cref="StaffAccess"/> sees the same ClaimsPrincipal as in the local host.
/// Without the header the request is anonymous.
/// </summary>
internal sealed class EasyAuthMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            http.User = EasyAuthPrincipal.Decode(http.Request.Headers[EasyAuthPrincipal.HeaderName]) ?? new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}
