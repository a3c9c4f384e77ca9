using System.Text.RegularExpressions;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.ReadModel;
using Circulation.Rendering;
using Circulation.Signature;
using Circulation.Tests.TestSupport;
using Circulation.Workflow;
using Xunit;

namespace Circulation.Tests.Workflow;

/// <summary>Every decision names the rendition (the version's archived PDF) its maker was sent, and the record proves what was signed.</summary>
public sealed partial class RenditionBindingTests : IClassFixture<CirculationWorkflowFixture>
{
    private readonly CirculationWorkflowFixture host;
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    public RenditionBindingTests(CirculationWorkflowFixture host) => this.host = host;

    [GeneratedRegex(@"/approve\?token=([A-Za-z0-9_\-.%]+)")]
    private static partial Regex ApprovalLink();

    [Fact]
    public async Task CirculateLetter_UndatedLetter_BindsLinksDecisionsTimelineAndManifestToTheRenditionSent_AndSignsThatText()
    {
        string subject = $"Rendition test {this.tag}: programme of the high-level week";
        var draft = new LetterDraft(
            subject,
            DateOnly.FromDateTime(DateTime.UtcNow),
            "I have the honour to inform you that the *high-level week* will open on Tuesday.\n\nThe programme follows; the **final** list of speakers will be circulated separately.",
            new Signatory("Amina Rahman", "President of the General Assembly", "pga@un.example"),
            [$"approver.{this.tag}@un.example"],
            MissionDirectory.PermanentRepresentativesListId,
            $"drafter.{this.tag}@un.example") { DatedOnSigning = true };
        string id = await this.host.StartAsync(draft, TimeSpan.FromHours(1));

        var approval = await this.host.WaitForPendingAsync(id, LinkPurpose.Approval, 0);
        byte[] rendition = (await this.host.Archive.ReadAsync(id, ArchivePaths.VersionPdf(1), CancellationToken.None))!;
        string sha256 = Rendition.Sha256Of(rendition);
        Assert.Equal(sha256, approval.Pending!.RenditionSha256);

        // The e-mailed link names the rendition it was sent with.
        var request = Assert.Single(await this.host.Mail.WaitForSubjectAsync($"For approval: {subject}", 1));
        string token = Uri.UnescapeDataString(ApprovalLink().Match(await this.host.Mail.PlainTextAsync(request.Id)).Groups[1].Value);
        Assert.Equal(LinkTokenStatus.Valid, this.host.LinkTokens.Check(token, out var link));
        Assert.Equal(sha256, link!.RenditionSha256);

        await this.host.ActAsync(id, approval.Pending, ApprovalDecision.Approve, "Fine.");
        var signature = await this.host.WaitForPendingAsync(id, LinkPurpose.Signature, 0);
        Assert.Equal(sha256, signature.Pending!.RenditionSha256);
        await this.host.ActAsync(id, signature.Pending, ApprovalDecision.Approve);
        var progress = await this.host.WaitForEndAsync(id);

        Assert.Equal(LetterStage.Distributed, progress.Stage);
        Assert.Equal(sha256, Assert.Single(progress.Approvals).RenditionSha256);
        var decision = ArchiveJson.FromBytes<DecisionRecord>((await this.host.Archive.ReadAsync(id, ArchivePaths.Decision(1, 0), CancellationToken.None))!);
        Assert.Equal(sha256, decision.Approval.RenditionSha256);
        var timeline = await this.host.ReadModel.TimelineAsync(id, CancellationToken.None);
        Assert.Equal(sha256, Assert.Single(timeline, e => e.Kind == LetterEventKind.Decided).RenditionSha256);
        Assert.Equal(sha256, Assert.Single(timeline, e => e.Kind == LetterEventKind.Signed).RenditionSha256);

        byte[] signedPdf = (await this.host.Archive.ReadAsync(id, ArchivePaths.SignedPdf, CancellationToken.None))!;
        var record = ArchiveJson.FromBytes<SignatureRecord>((await this.host.Archive.ReadAsync(id, ArchivePaths.Signature(1), CancellationToken.None))!);
        Assert.Equal((sha256, Rendition.Sha256Of(signedPdf)), (record.ApprovedRenditionSha256, record.SignedPdfSha256));
        var manifest = ArchiveJson.FromBytes<LetterManifest>((await this.host.Archive.ReadAsync(id, ArchivePaths.Manifest, CancellationToken.None))!);
        Assert.Equal((sha256, Rendition.Sha256Of(signedPdf)), (manifest.ApprovedRenditionSha256, manifest.SignedPdfSha256));

        // What was approved is what was signed: the texts differ in the draft mark, the date and the signature block only.
        var approvedLines = PdfText.Lines(PdfText.Of(rendition)).ToHashSet(StringComparer.Ordinal);
        var signedLines = PdfText.Lines(PdfText.Of(signedPdf)).ToHashSet(StringComparer.Ordinal);
        string draftMark = "DRAFT \u2014 version 1 \u2014 not for circulation";
        Assert.Equal([draftMark, LetterDocument.UndatedText], approvedLines.Except(signedLines).Order(StringComparer.Ordinal));
        Assert.Equal([LetterDateFormatter.Format(record.LetterDate!.Value)], signedLines.Except(approvedLines).Except(["(Signed)"]));
        Assert.Contains("I have the honour to inform you that the high-level week will open on Tuesday.", PdfText.Of(signedPdf), StringComparison.Ordinal);
    }
}
