using System.ComponentModel.DataAnnotations;

namespace Circulation.Staff;

/// <summary>Where the staff directory comes from (section "Staff").</summary>
public sealed class StaffOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Staff";

    /// <summary>Embedded (the file in the repository) or Blob (a container in the app's storage account).</summary>
    public StaffDirectorySource Source { get; set; } = StaffDirectorySource.Embedded;

    /// <summary>With <see cref="StaffDirectorySource.Blob"/>: the container holding staff.json and the signature images.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "Staff:Container must be a valid blob container name.")]
    public string Container { get; set; } = "staff";
}
