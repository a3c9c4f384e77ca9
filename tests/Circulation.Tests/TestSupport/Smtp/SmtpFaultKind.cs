namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>What a <see cref="SmtpFault"/> does.</summary>
public enum SmtpFaultKind
{
    /// <summary>Sends the fault's reply instead of the normal one (a 421 reply also closes the connection, as RFC 5321 says).</summary>
    Reply,

    /// <summary>Closes the connection without a reply.</summary>
    Drop,

    /// <summary>Never replies: reads and ignores whatever comes until the client hangs up (its timeout).</summary>
    Stall,
}
