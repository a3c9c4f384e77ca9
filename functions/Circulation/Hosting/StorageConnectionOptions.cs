using Azure.Core;
using Azure.Identity;

namespace Circulation.Hosting;

/// <summary>
/// The storage account of the task hub and of the letters, configured once as <c>AzureWebJobsStorage</c>, the name the
/// Functions host reads: locally a connection string (the section's value, Azurite); in Azure identity-based, with
/// <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential=managedidentity</c> and <c>__clientId</c> (the user-assigned identity).
/// </summary>
public sealed class StorageConnectionOptions
{
    /// <summary>The configuration section (and, locally, the connection string's key).</summary>
    public const string Section = "AzureWebJobsStorage";

    /// <summary>The connection string, when the section has a value of its own (locally, Azurite).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, for an identity-based connection.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue endpoint (read by the Functions host for the task hub).</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table endpoint (read by the Functions host for the task hub).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary><c>managedidentity</c> in Azure; otherwise the developer's own sign-in (DefaultAzureCredential) is used.</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of the user-assigned managed identity.</summary>
    public string? ClientId { get; set; }

    /// <summary>True when the connection is a connection string rather than an identity-based one.</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(this.ConnectionString);

    /// <summary>Either a connection string or the blob and table endpoints are set; a managed identity needs its client id.</summary>
    public bool IsValid =>
        this.UsesConnectionString != (this.BlobServiceUri is not null)
        && (this.UsesConnectionString || this.TableServiceUri is not null)
        && (!this.UsesManagedIdentity || !string.IsNullOrWhiteSpace(this.ClientId));

    private bool UsesManagedIdentity => string.Equals(this.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase);

    /// <summary>The identity the app authenticates with to Azure services: the user-assigned managed identity in Azure.</summary>
    public TokenCredential CreateCredential() => this.UsesManagedIdentity
        ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(this.ClientId!))
        : new DefaultAzureCredential();
}
