using System.Net;

namespace Circulation.TimestampAuthority;

/// <summary>The timestamp authority as a web app: <c>POST /</c> with an <c>application/timestamp-query</c> body, on 127.0.0.1 only.</summary>
public static class TimestampAuthorityApp
{
    /// <summary>The largest request accepted (a request is about 60 bytes).</summary>
    private const int MaxRequestBytes = 16 * 1024;

    /// <summary>Builds the app over the PKI in <paramref name="pki"/>, listening on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplication Build(DevelopmentPki pki, int port, string[]? args = null)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
        });
        var tsa = pki.LoadTsaCertificate();
        builder.Services.AddSingleton(new TimestampResponder(tsa, [pki.LoadCaCertificate()], TimeProvider.System));
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request, TimestampResponder responder) =>
        {
            if (!string.Equals(request.ContentType, "application/timestamp-query", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Text("Send an RFC 3161 request as application/timestamp-query.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
            return Results.Bytes(responder.Respond(body.ToArray()), "application/timestamp-reply");
        });
        return app;
    }
}
