using System.ComponentModel.DataAnnotations;

namespace Circulation.Mail;

/// <summary>The SMTP server Circulation sends through (section "Mail:Smtp").</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Mail:Smtp";

    /// <summary>Host name of the SMTP server.</summary>
    [Required]
    public string Host { get; set; } = "";

    /// <summary>Port of the SMTP server.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>
    /// How the connection is secured: <see cref="SmtpSecurity.None"/> (the default, for the local smtp4dev),
    /// <see cref="SmtpSecurity.StartTls"/> (required, never skipped) or <see cref="SmtpSecurity.SslOnConnect"/>.
    /// With a user name or password it must not be None (<see cref="SmtpOptionsValidator"/>).
    /// </summary>
    [EnumDataType(typeof(SmtpSecurity))]
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary>User name, when the server requires authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password, when the server requires authentication.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP operation may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
