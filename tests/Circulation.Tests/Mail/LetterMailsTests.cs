using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Xunit;

namespace Circulation.Tests.Mail;

public sealed class LetterMailsTests
{
    private const string LetterId = "L20261125-103512-7K2QX9";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 35, 12, TimeSpan.Zero);
    private static readonly PendingAction Pending = new(LinkPurpose.Approval, 0, "chef@un.example", "token", Now.AddDays(14));
    private static readonly Uri Link = new("https://circulation.un.example/approve?token=abc");

    private static LetterDraft Draft(string body) => new(
        "Revitalization of the work of the General Assembly",
        new DateOnly(2026, 11, 25),
        body,
        new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
        ["chef@un.example"],
        "permanent-representatives",
        "drafter@un.example");

    [Fact]
    public void ApprovalRequest_WithChangesSinceAnEarlierVersion_SummarizesThemInTextAndHtml()
    {
        var changes = LetterChanges.Between(1, Draft("The meeting will resume in the coming weeks."), 2, Draft("The meeting will resume on 12 March."));

        var mail = LetterMails.ApprovalRequest(LetterId, 2, Draft("The meeting will resume on 12 March."), Pending, Link, new byte[] { 1 }, changes);

        Assert.Contains("Changes since version 1, which you last saw: 1 paragraph of the body changed (+3 words, -4 words).", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("[-in the coming weeks.-] {+on 12 March.+}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<ins", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Link.ToString(), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ApprovalRequest_FirstTimeTheApproverSeesTheLetter_HasNoChangesSection()
    {
        var mail = LetterMails.ApprovalRequest(LetterId, 2, Draft("Text."), Pending, Link, new byte[] { 1 });

        Assert.DoesNotContain("Changes since", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes since", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterNotice_ChangesRequested_TellsHowToReviseAndLinksTheStaffForm()
    {
        var progress = LetterProgress.Start(LetterId, "Subject", 1).Submit(1, "Subject", Now)
            .AwaitApproval(Pending).Decide(ApprovalDecision.RequestChanges, "Cite resolution 78/1.", Now);

        var mail = LetterMails.DrafterNotice(LetterId, 1, "drafter@un.example", progress, new Uri($"https://circulation.un.example/#{LetterId}"));

        Assert.Equal("Changes requested: Subject", mail.Subject);
        Assert.Contains("Cite resolution 78/1.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("submit it again", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://circulation.un.example/#{LetterId}", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void DrafterNotice_Rejected_DoesNotInviteARevision()
    {
        var progress = LetterProgress.Start(LetterId, "Subject", 1).Submit(1, "Subject", Now)
            .AwaitApproval(Pending).Decide(ApprovalDecision.Reject, "No.", Now);

        var mail = LetterMails.DrafterNotice(LetterId, 1, "drafter@un.example", progress, new Uri("https://circulation.un.example/"));

        Assert.DoesNotContain("submit it again", mail.TextBody, StringComparison.Ordinal);
    }
}
