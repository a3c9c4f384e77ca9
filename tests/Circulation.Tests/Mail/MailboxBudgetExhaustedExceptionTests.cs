using Circulation.Mail;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>The exception a send gets when no sending mailbox has room in its recipient budget: transient, in plain words.</summary>
public sealed class MailboxBudgetExhaustedExceptionTests
{
    [Fact]
    public void Message_OneMailboxAtTheDailyLimit_SaysWhichAndUntilWhenRoundedUpToTheMinute()
    {
        var until = new DateTimeOffset(2026, 12, 2, 14, 4, 10, TimeSpan.Zero);

        var ex = new MailboxBudgetExhaustedException(["pga.office@un.example"], until, 10_000, TimeSpan.FromHours(24));

        Assert.Equal("The daily limit of 10,000 recipients is reached for pga.office@un.example until 14:05 UTC on 2 December 2026.", ex.Message);
        Assert.False(ex.IsPermanent);
        Assert.IsAssignableFrom<MailDeliveryException>(ex);
        Assert.Equal((until, 10_000, TimeSpan.FromHours(24)), (ex.Until, ex.RecipientsPerWindow, ex.RecipientWindow));
    }

    [Fact]
    public void Message_SeveralMailboxesAtAScaledLimit_NamesEachAndTheWindowToTheSecond()
    {
        var until = new DateTimeOffset(2026, 12, 2, 9, 0, 3, 200, TimeSpan.Zero);

        var ex = new MailboxBudgetExhaustedException(["a@un.example", "b@un.example", "c@un.example"], until, 5, TimeSpan.FromMinutes(10));

        Assert.Equal("The limit of 5 recipients per 00:10:00 is reached for a@un.example, b@un.example and c@un.example until 09:00:04 UTC on 2 December 2026.", ex.Message);
        Assert.Equal(["a@un.example", "b@un.example", "c@un.example"], ex.Mailboxes);
    }
}
