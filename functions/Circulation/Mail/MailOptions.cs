using System.ComponentModel.DataAnnotations;

namespace Circulation.Mail;

/// <summary>Who Circulation's mail comes from (section "Mail").</summary>
public sealed class MailOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Mail";

    /// <summary>How mail is sent: <see cref="MailTransportKind.Smtp"/> (section Mail:Smtp) or <see cref="MailTransportKind.Graph"/> (section Mail:Graph).</summary>
    public MailTransportKind Transport { get; set; } = MailTransportKind.Smtp;

    /// <summary>The sender address (SMTP; with Graph, mail comes from the sending mailbox).</summary>
    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "pga.circulation@un.example";

    /// <summary>The sender's display name.</summary>
    [Required]
    public string FromName { get; set; } = "Office of the President of the General Assembly";

    /// <summary>How many retries a transient mail failure gets inside one send (Polly).</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 4;

    /// <summary>First back-off delay between transient retries; doubles each time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
