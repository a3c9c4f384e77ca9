namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>Where in an SMTP conversation a <see cref="SmtpFault"/> strikes.</summary>
public enum SmtpStage
{
    /// <summary>Instead of the 220 greeting (connection faults only; see <see cref="ScriptedSmtpServer.ScriptConnections"/>).</summary>
    Greeting,

    /// <summary>In reply to RCPT TO for the scripted recipient.</summary>
    Recipient,

    /// <summary>In reply to the DATA command, instead of 354.</summary>
    Data,

    /// <summary>After the first line of the message content, before its end (drop or stall only).</summary>
    MidData,

    /// <summary>In reply to the final "." of the message content, instead of 250.</summary>
    EndOfData,

    /// <summary>In reply to QUIT, after the message was accepted.</summary>
    Quit,
}
