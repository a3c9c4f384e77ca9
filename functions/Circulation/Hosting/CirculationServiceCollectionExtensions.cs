using Azure.Storage.Blobs;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Distribution;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Rendering;
using Circulation.Signature;
using Circulation.Web;
using Circulation.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Circulation.Hosting;

/// <summary>Wires Circulation's services; called by both shells (the Functions app and the local host).</summary>
public static class CirculationServiceCollectionExtensions
{
    /// <summary>Adds options (validated at start-up), storage, mail, rendering, the mission directory, activities and HTTP handlers.</summary>
    public static IServiceCollection AddCirculation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddValidatedOptions<LinkOptions>(configuration, LinkOptions.Section);
        services.AddValidatedOptions<MailOptions>(configuration, MailOptions.Section);
        services.AddValidatedOptions<WorkflowOptions>(configuration, WorkflowOptions.Section);
        services.AddValidatedOptions<EnclosureOptions>(configuration, EnclosureOptions.Section);
        services.AddOptions<SignatureOptions>().Bind(configuration.GetSection(SignatureOptions.Section)).Validate(
            o => o.Images.Values.All(File.Exists), "Every Signature:Images path must point at an existing PNG file.").ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new BlobServiceClient(storage.ConnectionString).GetBlobContainerClient(storage.ContainerName);
        });
        services.AddSingleton<LetterArchive>();
        services.AddHostedService<ArchiveInitializer>();
        services.AddSingleton<LetterVersions>();
        services.AddSingleton<UploadedDocuments>();
        services.AddSingleton<DeliveryRecords>();
        services.AddSingleton<DistributionPackages>();
        services.AddSingleton(_ => MissionDirectory.LoadEmbedded());
        services.AddSingleton<LetterDocumentFactory>();
        services.AddSingleton<ILetterRenderer, PdfLetterRenderer>();
        services.AddSingleton<LetterPdfService>();
        services.AddSingleton<SignatureImages>();
        services.AddSingleton<LinkTokenService>();
        services.AddSingleton<LinkUrls>();
        services.AddMailTransport(configuration);

        foreach (var activity in CirculationTasks.Activities)
        {
            services.AddTransient(activity);
        }

        services.AddSingleton<LetterApi>();
        services.AddSingleton<DraftApi>();
        services.AddSingleton<DocumentApi>();
        services.AddSingleton<LinkPages>();
        services.AddSingleton<StaffPages>();
        services.AddSingleton<HealthEndpoint>();
        return services;
    }

    /// <summary>The transport <c>Mail:Transport</c> names, with only its own section validated.</summary>
    private static void AddMailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = configuration.GetSection(MailOptions.Section).GetValue(nameof(MailOptions.Transport), MailTransportKind.Smtp);
        if (kind == MailTransportKind.Graph)
        {
            services.AddValidatedOptions<GraphOptions>(configuration, GraphOptions.Section);
            services.TryAddSingleton<IMailTransport, GraphMailTransport>();
        }
        else
        {
            services.AddValidatedOptions<SmtpOptions>(configuration, SmtpOptions.Section);
            services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        }
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
