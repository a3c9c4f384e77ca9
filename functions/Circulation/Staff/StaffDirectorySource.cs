namespace Circulation.Staff;

/// <summary>Where the staff directory is read from at start-up.</summary>
public enum StaffDirectorySource
{
    /// <summary>The directory shipped in the Circulation assembly (functions/Circulation/Staff/staff.json), for local use and tests.</summary>
    Embedded,

    /// <summary>A blob container in the app's storage account holding staff.json and the signature PNGs it names.</summary>
    Blob,
}
