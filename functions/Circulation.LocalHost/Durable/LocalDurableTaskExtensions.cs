using System.Net;
using Circulation.Hosting;
using Circulation.Workflow;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Grpc.Internal;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace Circulation.LocalHost.Durable;

/// <summary>
/// Runs durable orchestrations inside the local host: a Durable Task gRPC sidecar over Azure Storage
/// (Azurite), with the worker and client in the same process connected to it over 127.0.0.1.
/// </summary>
/// <remarks>
/// This is the backend Durable Functions uses by default, so orchestrations survive a host restart
/// (even <c>kill -9</c>) exactly as they would in Azure. One process owns one sidecar and exactly one worker
/// (the sidecar accepts a single work-item stream); scale out means more processes on the same task hub.
/// </remarks>
public static class LocalDurableTaskExtensions
{
    /// <summary>
    /// Adds the sidecar, its Azure Storage backend, the worker (with <see cref="CirculationTasks"/>),
    /// a <see cref="DurableTaskClient"/> for HTTP handlers, and the two Kestrel listeners.
    /// </summary>
    public static WebApplicationBuilder AddLocalDurableTask(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        IConfiguration configuration = builder.Configuration;

        // host.json (copied next to the dll) is read as the Functions host reads it, beneath every other source.
        var hostJson = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, "host.json"), Optional = false };
        hostJson.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, hostJson);

        services.AddOptions<LocalHostOptions>().Bind(configuration.GetSection(LocalHostOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.WebPort != o.SidecarPort, "LocalHost:WebPort and LocalHost:SidecarPort must differ.")
            .ValidateOnStart();
        services.AddOptions<DurableTaskHubOptions>().Bind(configuration.GetSection(DurableTaskHubOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostJsonDurableOptions>().Bind(configuration.GetSection(HostJsonDurableOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        // Bound by AddCirculation (AzureWebJobsStorage); the local host's backend takes only a connection string.
        services.AddOptions<StorageConnectionOptions>()
            .Validate(
                o => o.UsesConnectionString,
                "The local host runs its task hub on a storage connection string: set AzureWebJobsStorage (Azurite's, with explicit endpoints).")
            .ValidateOnStart();

        // Two listeners on loopback: the web port speaks HTTP/1.1, the sidecar port HTTP/2 without TLS (gRPC).
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<LocalHostOptions>>((kestrel, ports) =>
        {
            kestrel.Listen(IPAddress.Loopback, ports.Value.WebPort, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, ports.Value.SidecarPort, l => l.Protocols = HttpProtocols.Http2);
        });

        // A backstop: whatever else holds a request open, Ctrl-C never waits the default 30 s.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        AddSidecar(services);
        AddWorker(services);

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.RegisterDirectly();
            services.AddOptions<GrpcDurableTaskClientOptions>(client.Name)
                .Configure<SidecarChannel, IOptions<HostJsonDurableOptions>>((o, sidecar, durable) =>
                {
                    o.Channel = sidecar.Channel;
                    o.DefaultVersion = durable.Value.DefaultVersion;
                });
        });

        return builder;
    }

    /// <summary>Maps the sidecar's gRPC service, reachable only on the sidecar port.</summary>
    public static WebApplication MapLocalDurableTaskSidecar(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        int sidecarPort = app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.SidecarPort;

        // Explicitly here, not left to WebApplication: the gate reads the matched endpoint, so routing must
        // run before it whatever other middleware is added later.
        app.UseRouting();
        app.UseMiddleware<SidecarPortGate>(sidecarPort);
        app.MapGrpcService<TaskHubGrpcServer>().WithMetadata(new SidecarPortGate.SidecarEndpoint());
        return app;
    }

    private static void AddSidecar(IServiceCollection services)
    {
        services.AddGrpc(o => o.MaxReceiveMessageSize = SidecarChannel.MaxMessageBytes);
        services.AddSingleton<SidecarChannel>();

        services.AddSingleton(sp =>
        {
            DurableTaskHubOptions hub = sp.GetRequiredService<IOptions<DurableTaskHubOptions>>().Value;
            string taskHubName = sp.GetRequiredService<IOptions<HostJsonDurableOptions>>().Value.HubName;
            string connectionString = sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value.ConnectionString!;
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
                TaskHubName = taskHubName,
                MaxQueuePollingInterval = hub.MaxQueuePollingInterval,
                ControlQueueVisibilityTimeout = hub.MessageVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = hub.MessageVisibilityTimeout,
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            });
        });
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());

        // The server starts the backend when the worker connects and stops it when the app stops: do not
        // stop it here. It must be a singleton: it holds the one connected worker's stream.
        services.AddSingleton<TaskHubGrpcServer>();
        services.AddHostedService<TaskHubInitializer>();
    }

    private static void AddWorker(IServiceCollection services)
    {
        int countBefore = services.Count;
        services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc();
            worker.AddTasks(CirculationTasks.Register);
            services.AddOptions<GrpcDurableTaskWorkerOptions>(worker.Name)
                .Configure<SidecarChannel, IOptions<HostJsonDurableOptions>>((o, sidecar, durable) =>
                {
                    o.Channel = sidecar.Channel;
                    o.Versioning = new DurableTaskWorkerOptions.VersioningOptions
                    {
                        Version = durable.Value.DefaultVersion,
                        DefaultVersion = durable.Value.DefaultVersion,
                        MatchStrategy = durable.Value.VersionMatchStrategy,
                        FailureStrategy = durable.Value.VersionFailureStrategy,
                    };

                    // The worker expects health pings on an idle stream and otherwise reconnects every 2 min
                    // (with warnings); this sidecar sends none, and a loopback stream does not go silently stale.
                    o.SetSilentDisconnectTimeout(TimeSpan.Zero);
                });
        });

        // AddDurableTaskWorker registers the worker as a plain hosted service, which the host would start
        // before Kestrel listens and stop after Kestrel has drained (see SidecarWorkerLifetime). Take that
        // registration over so the worker runs strictly inside the server's lifetime.
        ServiceDescriptor? workerRegistration = services.Skip(countBefore)
            .SingleOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null);
        if (workerRegistration is null)
        {
            throw new InvalidOperationException(
                "A Durable Task worker was already registered. The local host owns the only worker its sidecar accepts; "
                + "register orchestrations and activities in CirculationTasks.Register instead.");
        }

        services.Remove(workerRegistration);
        Func<IServiceProvider, object> createWorker = workerRegistration.ImplementationFactory!;
        services.AddHostedService(sp => new SidecarWorkerLifetime((IHostedService)createWorker(sp)));
    }
}
