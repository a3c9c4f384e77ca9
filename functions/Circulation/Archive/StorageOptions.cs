using System.ComponentModel.DataAnnotations;

namespace Circulation.Archive;

/// <summary>
/// Which blob containers hold the letters (section "Storage"). The storage account itself is the one the task hub uses,
/// <see cref="Hosting.StorageConnectionOptions"/> (<c>AzureWebJobsStorage</c>).
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storage";

    private const string ContainerNamePattern = "^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$";

    /// <summary>
    /// The archive: every letter's versions, PDFs, decisions, deliveries and manifest, written once and never changed
    /// or deleted. In Azure this container is under a version-level WORM policy.
    /// </summary>
    [Required]
    [RegularExpression(ContainerNamePattern, ErrorMessage = "ContainerName must be a valid blob container name.")]
    public string ContainerName { get; set; } = "letters";

    /// <summary>
    /// Working state that is withdrawn by deleting it (link-use claims, submission records) and uploaded documents
    /// awaiting enclosure; never under the WORM policy. Defaults to <see cref="ContainerName"/> followed by "-work".
    /// </summary>
    [RegularExpression(ContainerNamePattern, ErrorMessage = "WorkContainerName must be a valid blob container name.")]
    public string? WorkContainerName { get; set; }

    /// <summary>
    /// The Azure Table holding every delivery attempt of every letter (one partition a letter), in the task hub's storage
    /// account. Letters are kept apart by their ids, so several hubs or test runs can share it.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "DeliveriesTableName must be a valid table name (letters and digits, 3 to 63).")]
    public string DeliveriesTableName { get; set; } = "deliveries";

    /// <summary>The read model's table of letters (a row a letter: what lists and letter pages show).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "LettersTableName must be a valid table name (letters and digits, 3 to 63).")]
    public string LettersTableName { get; set; } = "letters";

    /// <summary>The read model's table of timeline events (one partition a letter).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "LetterEventsTableName must be a valid table name (letters and digits, 3 to 63).")]
    public string LetterEventsTableName { get; set; } = "letterevents";

    /// <summary>
    /// The verification index (docs/verification.md): one row per signed PDF, keyed by its SHA-256, answered by GET /verify
    /// once the letter is circulated.
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "VerificationTableName must be a valid table name (letters and digits, 3 to 63).")]
    public string VerificationTableName { get; set; } = "verification";

    /// <summary>The working container's name: <see cref="WorkContainerName"/>, or the archive's name followed by "-work".</summary>
    public string EffectiveWorkContainerName => string.IsNullOrEmpty(this.WorkContainerName) ? this.ContainerName + "-work" : this.WorkContainerName;
}
