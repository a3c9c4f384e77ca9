namespace Circulation.Mail;

/// <summary>Sends mail. Implementations retry transient faults themselves (Polly) and throw the
/// <see cref="MailDeliveryException"/> kinds so the workflow can tell permanent from transient failure.</summary>
public interface IMailTransport
{
    /// <summary>Hands <paramref name="mail"/> to the mail system; returns what it said once it accepted the message.</summary>
    Task<MailReceipt> SendAsync(OutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>Checks the mail system answers; throws otherwise.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
