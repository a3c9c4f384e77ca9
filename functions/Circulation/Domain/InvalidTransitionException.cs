namespace Circulation.Domain;

/// <summary>Thrown when a letter is asked to move to a stage its current stage does not allow.</summary>
public sealed class InvalidTransitionException : InvalidOperationException
{
    /// <summary>Creates the exception for a refused transition.</summary>
    public InvalidTransitionException(LetterStage from, string action)
        : base($"A letter in stage {from} cannot {action}.")
    {
        this.From = from;
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidTransitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stage the letter was in.</summary>
    public LetterStage From { get; }
}
