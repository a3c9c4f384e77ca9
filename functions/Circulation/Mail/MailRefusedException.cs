namespace Circulation.Mail;

/// <summary>
/// The mail system refused a message for good (e.g. a 5xx reply to the recipient's address): retrying cannot help,
/// so durable retry policies leave it alone (<see cref="Workflow.WorkflowRetries"/>).
/// </summary>
public sealed class MailRefusedException : MailDeliveryException
{
    /// <summary>Creates the exception.</summary>
    public MailRefusedException()
        : base("The mail server refused the message.", isPermanent: true, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MailRefusedException(string message)
        : base(message, isPermanent: true, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MailRefusedException(string message, Exception? innerException)
        : base(message, isPermanent: true, innerException)
    {
    }
}
