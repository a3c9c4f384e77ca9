using Circulation.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions shell: the shared Circulation services, orchestrators, activities and HTTP handlers
// exposed as Functions. Durable Functions runs the workflow on its default Azure Storage backend.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddCirculationFunctionsApp(builder.Configuration);
await builder.Build().RunAsync();
