using System.ComponentModel.DataAnnotations;

namespace Circulation.Archive;

/// <summary>Where letters, versions, PDFs and audit records are kept (section "Storage").</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary>Connection string of the storage account (Azurite locally).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The blob container holding every letter's files.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "ContainerName must be a valid blob container name.")]
    public string ContainerName { get; set; } = "letters";
}
