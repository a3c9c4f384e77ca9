using Circulation.Functions.Access;
using Circulation.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions shell: the shared Circulation services, orchestrators, activities and HTTP handlers
// exposed as Functions. Durable Functions runs the workflow on its default Azure Storage backend.
// Sign-in is App Service Authentication (Easy Auth) with Microsoft Entra ID: its principal header becomes the user.
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<EasyAuthMiddleware>();
builder.Services.AddCirculationFunctionsApp(builder.Configuration);
await builder.Build().RunAsync();
