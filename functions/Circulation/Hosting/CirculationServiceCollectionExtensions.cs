using Azure.Data.Tables;
using Azure.Security.KeyVault.Keys.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.DigitalSignature;
using Circulation.Distribution;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.Office;
using Circulation.ReadModel;
using Circulation.Rendering;
using Circulation.Signature;
using Circulation.Staff;
using Circulation.Verification;
using Circulation.Workflow;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Circulation.Hosting;

/// <summary>
/// Wires Circulation's core services, everything but the web. The shells call the web project's
/// <c>AddCirculation</c>, which calls this and adds the HTTP handlers and pages.
/// </summary>
public static class CirculationServiceCollectionExtensions
{
    /// <summary>Adds options (validated at start-up), storage, mail, rendering, signing, the mission and staff directories and the activities.</summary>
    public static IServiceCollection AddCirculationCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddStorageConnection(configuration);
        services.AddValidatedOptions<LinkOptions>(configuration, LinkOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinkOptions>, LinkOptionsValidator>());
        services.AddValidatedOptions<MailOptions>(configuration, MailOptions.Section);
        services.AddValidatedOptions<WorkflowOptions>(configuration, WorkflowOptions.Section);
        services.AddValidatedOptions<DistributionOptions>(configuration, DistributionOptions.Section);
        services.AddValidatedOptions<EnclosureOptions>(configuration, EnclosureOptions.Section);
        services.AddValidatedOptions<StaffOptions>(configuration, StaffOptions.Section);
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddValidatedOptions<OfficeOptions>(configuration, OfficeOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OfficeOptions>, OfficeOptionsValidator>());
        services.AddValidatedOptions<SigningOptions>(configuration, SigningOptions.Section);
        services.AddValidatedOptions<VerificationOptions>(configuration, VerificationOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OfficeClock>();
        // Microsoft.Extensions.Azure forwards every Azure SDK client's events in the process (the task hub's too): one
        // multi-line entry per request at Information, and each expected 404/409 (create-only writes) at Warning.
        services.AddLogging(logging => logging.AddFilter("Azure", LogLevel.Error));
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) =>
            {
                var connection = sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value;
                return connection.UsesConnectionString
                    ? new BlobServiceClient(connection.ConnectionString, options)
                    : new BlobServiceClient(connection.BlobServiceUri, credential, options);
            });
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) =>
            {
                var connection = sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value;
                return connection.UsesConnectionString
                    ? new TableServiceClient(connection.ConnectionString, options)
                    : new TableServiceClient(connection.TableServiceUri, credential, options);
            });
            // Resolved only in Key Vault mode. Its SDK retries are off: SigningRetries retries inside the signing step.
            clients.AddClient<CryptographyClient, CryptographyClientOptions>((options, credential, sp) =>
            {
                options.Retry.MaxRetries = 0;
                return new CryptographyClient(new Uri(sp.GetRequiredService<IOptions<SigningOptions>>().Value.KeyVaultKeyId!), credential, options);
            });
            clients.UseCredential(sp => sp.GetRequiredService<IOptions<StorageConnectionOptions>>().Value.CreateCredential());
        });
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var account = sp.GetRequiredService<BlobServiceClient>();
            return new LetterArchive(
                account.GetBlobContainerClient(storage.ContainerName),
                account.GetBlobContainerClient(storage.EffectiveWorkContainerName),
                sp.GetRequiredService<ILogger<LetterArchive>>());
        });
        services.AddHostedService<ArchiveInitializer>();
        services.AddSingleton<LetterVersions>();
        services.AddSingleton<UploadedDocuments>();
        services.AddSingleton(sp => new DeliveryRecords(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.DeliveriesTableName),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var tables = sp.GetRequiredService<TableServiceClient>();
            return new LetterReadModel(tables.GetTableClient(storage.LettersTableName), tables.GetTableClient(storage.LetterEventsTableName));
        });
        services.AddSingleton(sp => new VerificationIndex(
            sp.GetRequiredService<TableServiceClient>().GetTableClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.VerificationTableName)));
        services.AddSingleton<DistributionPackages>();
        services.AddSingleton(_ => MissionDirectory.LoadEmbedded());
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StaffOptions>>().Value.Source == StaffDirectorySource.Blob
            ? StaffBlobSource.LoadAsync(sp.GetRequiredService<BlobContainerClient>().GetParentBlobServiceClient()
                .GetBlobContainerClient(sp.GetRequiredService<IOptions<StaffOptions>>().Value.Container), CancellationToken.None).GetAwaiter().GetResult()
            : StaffDirectory.LoadEmbedded());
        services.AddHostedService<StaffDirectoryInitializer>();
        services.AddSingleton<StaffAccess>();
        services.AddSingleton<SignInUrls>();
        services.AddSingleton<LetterDocumentFactory>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EnclosureOptions>>().Value.PdfLimits);
        services.AddSingleton<ILetterRenderer, PdfLetterRenderer>();
        services.AddSingleton<LetterPdfService>();
        services.AddSingleton<SignatureImages>();
        services.AddSingleton<ISigningKey>(sp =>
        {
            var signing = sp.GetRequiredService<IOptions<SigningOptions>>().Value;
            return signing.UsesKeyVault
                ? new KeyVaultSigningKey(sp.GetRequiredService<CryptographyClient>(), signing, sp.GetRequiredService<ILogger<KeyVaultSigningKey>>())
                : new PfxSigningKey(signing);
        });
        services.AddSingleton<TimestampClient>();
        services.AddSingleton<PdfDigitalSigner>();
        services.AddSingleton<LinkTokenService>();
        services.AddSingleton<LinkUrls>();
        services.AddMailTransport(configuration);

        foreach (var activity in CirculationTasks.Activities)
        {
            services.AddTransient(activity);
        }
        return services;
    }

    /// <summary>
    /// Binds <see cref="StorageConnectionOptions"/> from <c>AzureWebJobsStorage</c>: its value (a connection string) or
    /// its children (an identity-based connection), validated at start-up.
    /// </summary>
    public static IServiceCollection AddStorageConnection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageConnectionOptions.Section);
        services.AddOptions<StorageConnectionOptions>()
            .Bind(section)
            .Configure(o => o.ConnectionString = section.Value)
            .Validate(
                o => o.IsValid,
                "AzureWebJobsStorage must be either a connection string or an identity-based connection "
                + "(AzureWebJobsStorage__blobServiceUri and AzureWebJobsStorage__tableServiceUri, with AzureWebJobsStorage__clientId when AzureWebJobsStorage__credential is managedidentity).")
            .ValidateOnStart();
        return services;
    }

    /// <summary>The transport <c>Mail:Transport</c> names, with only its own section validated.</summary>
    private static void AddMailTransport(this IServiceCollection services, IConfiguration configuration)
    {
        var kind = configuration.GetSection(MailOptions.Section).GetValue(nameof(MailOptions.Transport), MailTransportKind.Smtp);
        if (kind == MailTransportKind.Graph)
        {
            services.AddValidatedOptions<GraphOptions>(configuration, GraphOptions.Section);

            // The mailboxes' pacing ledgers, shared by every host: blobs in the work container (created at start-up with the archive).
            services.TryAddSingleton<IMailboxLedgerStore>(sp => new BlobMailboxLedgerStore(sp.GetRequiredService<BlobServiceClient>()
                .GetBlobContainerClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.EffectiveWorkContainerName)));
            services.TryAddSingleton<IMailTransport, GraphMailTransport>();
        }
        else
        {
            services.AddValidatedOptions<SmtpOptions>(configuration, SmtpOptions.Section);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
            services.TryAddSingleton<IMailTransport, SmtpMailTransport>();
        }
    }

    private static void AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
