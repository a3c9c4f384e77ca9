using Circulation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions shell: the shared Circulation services, orchestrators, activities and HTTP handlers
// exposed as Functions. Durable Functions runs the workflow on its default Azure Storage backend.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) => services.AddCirculation(context.Configuration))
    .Build();

await host.RunAsync();
