using Circulation.Mail;
using Circulation.Signature;
using Circulation.Staff;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Mail;

/// <summary>The e-mail that tells the drafter and the admins a letter's digital signature failed, and who gets it.</summary>
public sealed class SignatureMailsTests
{
    private const string LetterId = "L20261125-103512-7K2QX9";
    private const string Subject = "Revitalization of the work of the General Assembly";
    private static readonly Uri Page = new($"https://circulation.un.example/letters/{LetterId}");

    private static SignatureFailureNotice Notice(string failureId = "f1") =>
        new(LetterId, 2, Subject, "drafter@un.example", "The timestamp authority <tsa> did not answer.", failureId);

    [Fact]
    public void Failure_SaysWhyThatNothingWasSentAndThatAnAdminCanRetry_WithTheLettersPage()
    {
        var mail = SignatureMails.Failure(Notice(), "office.manager@un.example", Page);

        Assert.Equal(("office.manager@un.example", $"Signature failed: {Subject}"), (mail.To, mail.Subject));
        Assert.Contains($"The letter \"{Subject}\" ({LetterId}, version 2) was signed by its signatory, but its digital signature could not be applied.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Reason: The timestamp authority <tsa> did not answer.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to the missions", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("an admin can retry signing on the letter's page", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Page.ToString(), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The timestamp authority &lt;tsa&gt; did not answer.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments);
    }

    [Fact]
    public void Failure_MessageId_IsTheFailuresAndTheRecipients()
    {
        string drafter = SignatureMails.Failure(Notice(), "drafter@un.example", Page).MessageId;

        Assert.Equal(drafter, SignatureMails.Failure(Notice(), "DRAFTER@un.example", Page).MessageId);
        Assert.NotEqual(drafter, SignatureMails.Failure(Notice(), "office.manager@un.example", Page).MessageId);
        Assert.NotEqual(drafter, SignatureMails.Failure(Notice("f2"), "drafter@un.example", Page).MessageId);
        Assert.StartsWith($"{LetterId}.v2.signature-failed.f1.", drafter, StringComparison.Ordinal);
        Assert.EndsWith("@circulation", drafter, StringComparison.Ordinal);
    }

    [Fact]
    public void RecipientsOf_AreTheDrafterThenEachAdminOnce()
    {
        var staff = StaffDirectory.LoadEmbedded();
        string admin = staff.People.First(p => p.Has(StaffRole.Admin)).Email;

        Assert.Equal("drafter@un.example", SendSignatureFailureNotice.RecipientsOf("drafter@un.example", staff)[0]);
        Assert.Contains(admin, SendSignatureFailureNotice.RecipientsOf("drafter@un.example", staff));
        Assert.Equal([admin.ToUpperInvariant()], SendSignatureFailureNotice.RecipientsOf(admin.ToUpperInvariant(), staff).Where(r => r.Equals(admin, StringComparison.OrdinalIgnoreCase)));
    }
}
