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

    /// <summary>Use STARTTLS when the server offers it.</summary>
    public bool UseStartTls { get; set; }

    /// <summary>User name, when the server requires authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>Password, when the server requires authentication.</summary>
    public string? Password { get; set; }

    /// <summary>How long one SMTP operation may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
