using System.Globalization;

namespace Circulation.Tests.TestSupport.Smtp;

/// <summary>One misbehaviour of the <see cref="ScriptedSmtpServer"/>: at <paramref name="Stage"/>, reply, drop or stall.</summary>
/// <param name="Stage">Where it strikes.</param>
/// <param name="Kind">What it does.</param>
/// <param name="Code">The reply code, for <see cref="SmtpFaultKind.Reply"/>.</param>
/// <param name="Text">The reply text, for <see cref="SmtpFaultKind.Reply"/>.</param>
public sealed record SmtpFault(SmtpStage Stage, SmtpFaultKind Kind, int Code = 0, string Text = "")
{
    /// <summary>451 at RCPT TO, as a server throttling a sender does.</summary>
    public static SmtpFault Throttled { get; } = Reply(SmtpStage.Recipient, 451, "4.7.1 Too many messages from this sender, try again later");

    /// <summary>550 at RCPT TO: the mailbox does not exist.</summary>
    public static SmtpFault MailboxUnavailable { get; } = Reply(SmtpStage.Recipient, 550, "5.1.1 Recipient address rejected: mailbox unavailable");

    /// <summary>Replies <paramref name="code"/> <paramref name="text"/> at <paramref name="stage"/>.</summary>
    public static SmtpFault Reply(SmtpStage stage, int code, string text) =>
        code is >= 200 and < 600 ? new(stage, SmtpFaultKind.Reply, code, text) : throw new ArgumentOutOfRangeException(nameof(code), code, "An SMTP reply code.");

    /// <summary>Closes the connection at <paramref name="stage"/> without replying.</summary>
    public static SmtpFault Drop(SmtpStage stage) => new(stage, SmtpFaultKind.Drop);

    /// <summary>Stops replying at <paramref name="stage"/>.</summary>
    public static SmtpFault Stall(SmtpStage stage) => new(stage, SmtpFaultKind.Stall);

    /// <summary>The reply line, e.g. "451 4.7.1 Try again later".</summary>
    public string ReplyLine => string.Create(CultureInfo.InvariantCulture, $"{this.Code} {this.Text}");
}
