using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace Circulation.ExchangeEmulator;

/// <summary>
/// Builds the emulator: Graph's mail calls under /v1.0 (each checks its bearer token, then the mailbox's limits, then may
/// get an injected fault), the App Service managed-identity endpoint at /msi/token, upload URLs at /upload/{id}, and
/// the test endpoints under /emulator (counts, settings, reset). Listens on 127.0.0.1 only.
/// </summary>
public static partial class EmulatorApp
{
    /// <summary>JSON options of the /emulator endpoints (enums as names).</summary>
    public static JsonSerializerOptions AdminJson { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Builds the app from command-line arguments and configuration (section "Emulator"); <paramref name="configure"/> may adjust the settings.</summary>
    public static WebApplication Build(string[] args, Action<EmulatorSettings>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var settings = new EmulatorSettings();
        builder.Configuration.GetSection(EmulatorSettings.Section).Bind(settings);
        configure?.Invoke(settings);
        if (string.IsNullOrWhiteSpace(settings.IdentityHeader))
        {
            throw new InvalidOperationException("Emulator:IdentityHeader is required: the secret clients send as X-IDENTITY-HEADER (IDENTITY_HEADER).");
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, settings.Port));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<EmulatorState>();
        builder.Services.AddHostedService<OnwardDelivery>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        var state = app.Services.GetRequiredService<EmulatorState>();
        app.Use((context, next) => GuardAsync(context, next, state));
        GraphEndpoints.Map(app);
        app.MapGet("/emulator/counts", () => Results.Json(state.Counts.Snapshot(), AdminJson));
        app.MapGet("/emulator/settings", () => Results.Json(new { limits = state.Limits, faults = state.Faults, deliverOnward = state.DeliverOnward }, AdminJson));
        app.MapPut("/emulator/settings", async (HttpContext context) =>
        {
            var change = await JsonSerializer.DeserializeAsync<SettingsChange>(context.Request.Body, AdminJson, context.RequestAborted);
            state.Change(change?.Limits, change?.Faults);
            if (change?.DeliverOnward is bool onward)
            {
                state.DeliverOnward = onward;
            }

            return Results.Json(new { limits = state.Limits, faults = state.Faults, deliverOnward = state.DeliverOnward }, AdminJson);
        });
        app.MapPost("/emulator/reset", () =>
        {
            state.Reset();
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>The bound http://127.0.0.1:port of a started app.</summary>
    public static Uri Address(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        string address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    private static async Task GuardAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        string path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/upload/", StringComparison.Ordinal))
        {
            await InjectAsync(context, next, state);
            return;
        }

        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        string authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !state.Tokens.IsValid(authorization["Bearer ".Length..], DateTimeOffset.UtcNow))
        {
            EmulatorCounts.Add(state.Counts.Requests, "unauthorized");
            await GraphErrors.Error(401, "InvalidAuthenticationToken", "Access token is empty, invalid or expired.").ExecuteAsync(context);
            return;
        }

        string[] segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[1] != "users")
        {
            await GraphErrors.Error(400, "BadRequest", "The emulator answers only /v1.0/users/{mailbox}/... calls.").ExecuteAsync(context);
            return;
        }

        var mailbox = state.FindMailbox(Uri.UnescapeDataString(segments[2]));
        if (mailbox is null)
        {
            await GraphErrors.Error(404, "ErrorInvalidUser", $"The requested user '{Uri.UnescapeDataString(segments[2])}' is invalid.").ExecuteAsync(context);
            return;
        }

        var refusal = mailbox.BeginRequest(state.Limits, DateTimeOffset.UtcNow);
        if (refusal is not null)
        {
            EmulatorCounts.Add(state.Counts.Throttled, refusal.Code);
            await GraphErrors.Throttled(refusal).ExecuteAsync(context);
            return;
        }

        try
        {
            await InjectAsync(context, next, state);
        }
        finally
        {
            mailbox.EndRequest();
        }
    }

    /// <summary>Runs the request, or instead (or after it) the fault the dice choose.</summary>
    private static async Task InjectAsync(HttpContext context, RequestDelegate next, EmulatorState state)
    {
        var fault = state.DrawFault(context.Request.Path.Value ?? string.Empty);
        if ((fault is FaultKind.AcceptedThenDrop or FaultKind.AcceptedThenResent) && HttpMethods.IsGet(context.Request.Method))
        {
            fault = FaultKind.Drop;
        }
        else if (fault == FaultKind.AcceptedThenResent && !(context.Request.Path.Value ?? "").EndsWith("/send", StringComparison.Ordinal))
        {
            fault = FaultKind.AcceptedThenDrop;
        }

        if (fault is not null)
        {
            EmulatorCounts.Add(state.Counts.Faults, fault.Value.ToString());
        }

        switch (fault)
        {
            case null:
                await next(context);
                break;
            case FaultKind.Throttle:
                await GraphErrors.Error(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", state.Faults.RetryAfter).ExecuteAsync(context);
                break;
            case FaultKind.Unavailable:
                await GraphErrors.Error(503, "ServiceUnavailable", "The service is temporarily unavailable.", state.Faults.RetryAfter).ExecuteAsync(context);
                break;
            case FaultKind.Drop:
                context.Abort();
                break;
            case FaultKind.Timeout:
                try
                {
                    await Task.Delay(state.Faults.StallFor, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up first.
                }

                context.Abort();
                break;
            case FaultKind.AcceptedThenDrop:
                // Do the work, write the answer nowhere, then drop the connection: the client cannot know it succeeded.
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
                await next(context);
                context.Abort();
                break;
            case FaultKind.AcceptedThenResent:
                // The first send's answer is lost; the re-sent request (no body) is answered as the client sees it.
                var body = context.Features.Get<IHttpResponseBodyFeature>()!;
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
                await next(context);
                context.Features.Set(body);
                context.Response.Clear();
                await next(context);
                break;
        }
    }

    private sealed record SettingsChange(EmulatorLimits? Limits, EmulatorFaults? Faults, bool? DeliverOnward);
}
