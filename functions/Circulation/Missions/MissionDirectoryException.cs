namespace Circulation.Missions;

/// <summary>
/// Thrown when mission directory data is invalid; <see cref="Problems"/> lists every problem found.
/// </summary>
public sealed class MissionDirectoryException : Exception
{
    /// <summary>Creates an exception with no recorded problems.</summary>
    public MissionDirectoryException()
        : this("The mission directory is invalid.")
    {
    }

    /// <summary>Creates an exception with the given message and no recorded problems.</summary>
    /// <param name="message">The error message.</param>
    public MissionDirectoryException(string message)
        : base(message)
    {
        Problems = [];
    }

    /// <summary>Creates an exception with the given message, inner exception and no recorded problems.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying cause.</param>
    public MissionDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates an exception listing the given problems.</summary>
    /// <param name="problems">Every problem found in the directory data.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public MissionDirectoryException(IEnumerable<string> problems, Exception? innerException = null)
        : this(ToList(problems), innerException)
    {
    }

    private MissionDirectoryException(IReadOnlyList<string> problems, Exception? innerException)
        : base(BuildMessage(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>Every problem found in the directory data.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static IReadOnlyList<string> ToList(IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.ToArray();
    }

    private static string BuildMessage(IReadOnlyList<string> problems)
    {
        if (problems.Count == 0)
        {
            return "The mission directory is invalid.";
        }

        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"The mission directory is invalid ({problems.Count} {noun}):"
            + Environment.NewLine
            + string.Join(Environment.NewLine, problems.Select(p => "- " + p));
    }
}
