namespace Circulation.LocalHost.SignIn;

/// <summary>Where the local host keeps the keys that protect its session cookies (configuration <c>LocalHost:DataProtectionPath</c>).</summary>
public sealed class LocalSignInOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LocalHost";

    /// <summary>
    /// A folder for the Data Protection key ring, so sessions survive a restart (./run.sh uses .local/keys); empty:
    /// keys in memory, and everyone signs in again after a restart.
    /// </summary>
    public string DataProtectionPath { get; set; } = "";

    /// <summary>How long a session lasts without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
