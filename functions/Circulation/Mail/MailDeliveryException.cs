namespace Circulation.Mail;

/// <summary>A message could not be handed to the mail system; see <see cref="MailRefusedException"/> for refusals that retrying cannot help.</summary>
public class MailDeliveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MailDeliveryException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MailDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception, saying whether retrying later could help.</summary>
    public MailDeliveryException(string message, bool isPermanent, Exception? innerException)
        : base(message, innerException)
    {
        this.IsPermanent = isPermanent;
    }

    /// <summary>True when retrying cannot help (e.g. the server refused the address with a 5xx reply).</summary>
    public bool IsPermanent { get; }
}
