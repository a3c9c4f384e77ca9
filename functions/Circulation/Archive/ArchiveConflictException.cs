namespace Circulation.Archive;

/// <summary>Thrown when a create-only archive write meets an existing file with different content.</summary>
public sealed class ArchiveConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArchiveConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ArchiveConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ArchiveConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
