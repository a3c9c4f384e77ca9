namespace Circulation.Mail;

/// <summary>How Circulation sends mail (setting <c>Mail:Transport</c>).</summary>
public enum MailTransportKind
{
    /// <summary>SMTP (section Mail:Smtp): smtp4dev locally, or a relay when self-hosting.</summary>
    Smtp,

    /// <summary>Microsoft Graph (section Mail:Graph): the Office's Exchange Online mailboxes.</summary>
    Graph,
}
