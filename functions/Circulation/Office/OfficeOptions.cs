namespace Circulation.Office;

/// <summary>Where the Office of the President works (section "Office"); checked by <see cref="OfficeOptionsValidator"/>.</summary>
public sealed class OfficeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Office";

    /// <summary>The Office's time zone, an IANA id: a letter dated "today" is dated today in this zone.</summary>
    public string TimeZone { get; set; } = "America/New_York";
}
