using System.Net;
using System.Threading.RateLimiting;
using Circulation.Access;
using Circulation.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Circulation.Web;

/// <summary>
/// Each client address's budget of verification checks (<see cref="VerificationOptions.ChecksPerMinute"/> in a fixed
/// minute), with ASP.NET Core's rate limiter (System.Threading.RateLimiting) held by the handler rather than as
/// middleware, because the Functions shell has no ASP.NET Core middleware pipeline for its routes.
/// </summary>
public sealed class VerificationBudget : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly bool behindAppService;

    /// <summary>Creates the budget.</summary>
    public VerificationBudget(IOptions<VerificationOptions> options, IOptions<AuthOptions> auth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(auth);
        int permits = options.Value.ChecksPerMinute;
        this.behindAppService = auth.Value.Mode == AuthMode.EasyAuth;
        this.limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>Takes one check from the budget of <paramref name="request"/>'s client; null when granted, else how long until the next one is.</summary>
    public TimeSpan? TryTake(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string address = ClientAddress(request.Headers["X-Forwarded-For"].ToString(), request.HttpContext.Connection.RemoteIpAddress, this.behindAppService);
        using var lease = this.limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) && after > TimeSpan.Zero ? after : Window;
    }

    /// <summary>
    /// The address a budget belongs to. Behind App Service (<paramref name="behindAppService"/>) the connection comes from
    /// the platform's front end, which appends the client's address (with its port) to X-Forwarded-For: the last entry is
    /// the one a client cannot choose. Elsewhere, the connection's own address.
    /// </summary>
    public static string ClientAddress(string? forwardedFor, IPAddress? connection, bool behindAppService)
    {
        if (behindAppService && forwardedFor?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is [.., string last])
        {
            return WithoutPort(last);
        }

        return connection?.ToString() ?? "unknown";
    }

    /// <inheritdoc/>
    public void Dispose() => this.limiter.Dispose();

    private static string WithoutPort(string entry)
    {
        if (IPEndPoint.TryParse(entry, out var endpoint))
        {
            return endpoint.Address.ToString();
        }

        return entry;
    }
}
