namespace Circulation.DigitalSignature;

/// <summary>The letter could not be signed because the key or the timestamp authority did not answer (after retries); the message says which, in plain words.</summary>
public sealed class SigningUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SigningUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SigningUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SigningUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
