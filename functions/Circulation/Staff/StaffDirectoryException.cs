namespace Circulation.Staff;

/// <summary>Thrown at start-up when the staff directory cannot be used; the message lists every problem.</summary>
public sealed class StaffDirectoryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StaffDirectoryException()
        : this("The staff directory is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StaffDirectoryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StaffDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception listing <paramref name="problems"/>.</summary>
    public StaffDirectoryException(IReadOnlyCollection<string> problems)
        : base(Describe(problems))
    {
    }

    private static string Describe(IReadOnlyCollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return $"The staff directory is invalid ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):"
            + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
