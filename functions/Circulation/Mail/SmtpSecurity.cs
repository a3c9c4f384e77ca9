namespace Circulation.Mail;

/// <summary>How the connection to the SMTP server is secured (setting <c>Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP, never encrypted: only for a local test server such as smtp4dev, and never with credentials.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS before anything else is sent; a server that does not offer STARTTLS is refused, never used in clear.</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    SslOnConnect,
}
