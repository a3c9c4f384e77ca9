using Circulation.Access;
using Circulation.Functions.Access;
using Circulation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions shell: the shared Circulation services, orchestrators, activities and HTTP handlers
// exposed as Functions. Durable Functions runs the workflow on its default Azure Storage backend.
// Sign-in is App Service Authentication (Easy Auth) with Microsoft Entra ID: its principal header becomes the user.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication(worker => worker.UseMiddleware<EasyAuthMiddleware>())
    .ConfigureServices((context, services) =>
    {
        services.AddCirculation(context.Configuration);
        services.PostConfigure<AuthOptions>(o => o.Mode = AuthMode.EasyAuth);
    })
    .Build();

await host.RunAsync();
