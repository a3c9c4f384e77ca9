using Circulation.LocalHost;
using Circulation.LocalHost.Durable;
using Circulation.LocalHost.SignIn;
using Circulation.Telemetry;
using Circulation.Web;

// The local stand-in for the Functions app: the same Circulation services and HTTP handlers,
// with durable orchestrations run by an in-process sidecar over Azurite, and people signed in
// through the local OpenID Connect provider (Easy Auth's part in Azure).
// appsettings.json ships next to the dll: read it from there whatever the working directory.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Services.AddCirculation(builder.Configuration);
builder.Services.AddCirculationTelemetry(builder.Configuration);
builder.AddLocalDurableTask();
builder.AddLocalSignIn();

WebApplication app = builder.Build();
app.UseLocalSignIn();
app.MapLocalDurableTaskSidecar();
app.MapCirculationEndpoints();
await app.RunAsync();
