using System.Globalization;
using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.Mail;
using Circulation.Missions;
using Circulation.ReadModel;
using Circulation.Staff;
using Circulation.Telemetry;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Circulation.Web;

/// <summary>
/// The pages behind e-mailed links. GET only shows the letter and a form (mail scanners fetch every link);
/// POST acts, once. Whether a link may be used (genuine, unexpired, the one the letter waits for, unused, bound to the
/// version's current rendition, opened by its addressee) is decided by <see cref="LinkAccess"/>, alike for the page,
/// its PDF (the archived rendition, served by <c>approve/pdf</c> and <c>sign/pdf</c>) and the action.
/// </summary>
public sealed partial class LinkPages
{
    private const int MaxCommentLength = 4000;
    private readonly LinkAccess access;
    private readonly LinkTokenService tokens;
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly LetterReadModel readModel;
    private readonly TimeProvider clock;
    private readonly MissionDirectory missions;
    private readonly StaffDirectory staff;
    private readonly ILogger<LinkPages> logger;

    /// <summary>Creates the pages.</summary>
    public LinkPages(
        LinkAccess access,
        LinkTokenService tokens,
        LetterVersions versions,
        LetterArchive archive,
        LetterReadModel readModel,
        TimeProvider clock,
        MissionDirectory missions,
        StaffDirectory staff,
        ILogger<LinkPages> logger)
    {
        this.access = access;
        this.staff = staff;
        this.readModel = readModel;
        this.missions = missions;
        this.tokens = tokens;
        this.versions = versions;
        this.archive = archive;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>GET approve?token=…: the letter and the approval form.</summary>
    public Task<IResult> ShowApprovalAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ShowAsync(request, client, LinkPurpose.Approval);

    /// <summary>GET sign?token=…: the approved letter and the signing form.</summary>
    public Task<IResult> ShowSignatureAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ShowAsync(request, client, LinkPurpose.Signature);

    /// <summary>GET approve/pdf?token=…: the rendition the approver decides on, for the approval page's frame.</summary>
    public Task<IResult> ShowApprovalPdfAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ShowPdfAsync(request, client, LinkPurpose.Approval);

    /// <summary>GET sign/pdf?token=…: the rendition the signatory signs, for the signing page's frame.</summary>
    public Task<IResult> ShowSignaturePdfAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ShowPdfAsync(request, client, LinkPurpose.Signature);

    /// <summary>POST approve: records the decision.</summary>
    public Task<IResult> ActOnApprovalAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, LinkPurpose.Approval);

    /// <summary>POST sign: records the signature.</summary>
    public Task<IResult> ActOnSignatureAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        this.ActAsync(request, client, LinkPurpose.Signature);

    private async Task<IResult> ShowAsync(HttpRequest request, DurableTaskClient client, LinkPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var (token, snapshot, refusal) = await this.access.AuthorizeAsync(request, request.Query["token"], purpose, client, request.Path + request.QueryString);
        if (refusal is not null)
        {
            return refusal;
        }

        var draft = await this.LoadAsync(token!, snapshot!, ct);
        var changes = await this.ChangesAsync(token!, snapshot!, draft, ct);
        var decided = await this.DecidedAsync(token!, draft, ct);
        return HtmlPage.Render(purpose == LinkPurpose.Approval ? "Approve a letter" : "Sign a letter", this.Form(token!, draft, changes, decided, error: null, comment: ""));
    }

    /// <summary>
    /// The version's archived PDF, the very bytes the request mail attached, to the link's holder while the link is
    /// current: framed by our own pages only (the page's CSP and X-Frame-Options are relaxed to same-origin for it).
    /// </summary>
    private async Task<IResult> ShowPdfAsync(HttpRequest request, DurableTaskClient client, LinkPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var (token, _, refusal) = await this.access.AuthorizeAsync(request, request.Query["token"], purpose, client, request.Path + request.QueryString);
        if (refusal is not null)
        {
            return refusal;
        }

        var rendition = await Rendition.ReadAsync(this.archive, token!.LetterId, token.Version, token.RenditionSha256, ct);
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = SecurityHeaders.FramedPdfPolicy;
        headers.XFrameOptions = "SAMEORIGIN";
        headers.ContentDisposition = $"inline; filename=\"{LetterMails.PdfName(token.LetterId, token.Version, signed: false)}\"";
        return Results.File(rendition.Pdf, "application/pdf");
    }

    private async Task<IResult> ActAsync(HttpRequest request, DurableTaskClient client, LinkPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        if (!request.HasFormContentType)
        {
            return HtmlPage.Problem("Not a form submission", "This address only accepts the form on the letter's page.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await request.ReadFormAsync(ct);
        var (token, snapshot, refusal) = await this.access.AuthorizeAsync(request, form["token"], purpose, client, $"{request.Path}?token={Uri.EscapeDataString(form["token"].ToString())}");
        if (refusal is not null)
        {
            return refusal;
        }

        string comment = form["comment"].ToString().Trim();
        var decision = purpose == LinkPurpose.Signature ? ApprovalDecision.Approve : ParseDecision(form["decision"]);
        string? error = decision switch
        {
            null => "Choose Approve, Request changes or Reject.",
            ApprovalDecision.RequestChanges or ApprovalDecision.Reject when comment.Length == 0 => "Say in the comment what should change, or why the letter is rejected.",
            _ when comment.Length > MaxCommentLength => $"The comment is {comment.Length} characters long; the limit is {MaxCommentLength}.",
            _ => null,
        };
        if (error is not null)
        {
            var draft = await this.LoadAsync(token!, snapshot!, ct);
            var changes = await this.ChangesAsync(token!, snapshot!, draft, ct);
            var decided = await this.DecidedAsync(token!, draft, ct);
            return HtmlPage.Render("Please check the form", this.Form(token!, draft, changes, decided, error, comment), StatusCodes.Status400BadRequest);
        }

        // Signing and rejecting cannot be undone: the first post shows what will happen; only the confirmed one acts.
        if ((purpose == LinkPurpose.Signature || decision == ApprovalDecision.Reject) && form["confirm"] != "yes")
        {
            var draft = await this.LoadAsync(token!, snapshot!, ct);
            return HtmlPage.Render(purpose == LinkPurpose.Signature ? "Sign and send this letter?" : "Reject this letter?", this.ConfirmStep(token!, draft, decision!.Value, comment));
        }

        using var letterScope = LetterTelemetry.Begin(this.logger, purpose + "Action", token!.LetterId);
        var action = new LinkAction(token.TokenId, decision!.Value, comment, this.clock.GetUtcNow(), token.RenditionSha256);
        string claim = ArchivePaths.LinkUse(token.TokenId);
        var use = new { token.LetterId, token.Version, token.Purpose, Step = token.Step + 1, token.Actor, action.Decision, action.Comment, action.At, token.RenditionSha256 };
        if (!await this.archive.TryClaimAsync(token.LetterId, claim, ArchiveJson.ToBytes(use), CancellationToken.None))
        {
            return await this.access.UsedPageAsync(token, RequestGuard.SignedIn(request), ct);
        }

        try
        {
            await client.RaiseEventAsync(token.LetterId, LinkAction.EventName(token.TokenId), action, CancellationToken.None);
        }
        catch
        {
            await this.archive.ReleaseClaimAsync(token.LetterId, claim, CancellationToken.None);
            throw;
        }

        this.LogActed(token.LetterId, token.Purpose, token.Step + 1, action.Decision);
        return HtmlPage.Render("Thank you", Confirmation(token, action));
    }

    /// <summary>
    /// The version the link is for, as its holder acts on it: a signatory who replaced the letter's own in flight signs
    /// under the name and title the replacement recorded, the same ones their signature request and the signed PDF give.
    /// </summary>
    private async Task<LetterDraft> LoadAsync(LinkToken token, LetterSnapshot snapshot, CancellationToken ct)
    {
        var draft = await this.versions.LoadAsync(token.LetterId, token.Version, ct);
        if (token.Purpose != LinkPurpose.Signature || string.Equals(token.Actor, draft.Signatory.Email, StringComparison.OrdinalIgnoreCase))
        {
            return draft;
        }

        // A replacement recorded before actions kept the name: the staff directory, where its request took the name from.
        var signer = snapshot.Progress.SignatoryReplacement is { PersonName: { } name } replacement
            ? new Signatory(name, replacement.PersonTitle ?? "", token.Actor)
            : this.staff.Find(token.Actor) is { } person ? new Signatory(person.Name, person.Title, token.Actor) : new Signatory(token.Actor, "", token.Actor);
        return draft with { Signatory = signer };
    }

    /// <summary>The decisions already taken in this round: the earlier approvers' for an approver, every approver's for the signatory.</summary>
    private Task<IReadOnlyList<ApprovalRecord>> DecidedAsync(LinkToken token, LetterDraft draft, CancellationToken ct) =>
        ApprovalHistory.ReadAsync(this.archive, token.LetterId, token.Version, token.Purpose == LinkPurpose.Approval ? token.Step : draft.Approvers.Count, ct);

    private string Audience(LetterDraft draft) =>
        this.missions.TryGetList(draft.DistributionList, out var list) ? list.Audience : draft.DistributionList;

    /// <summary>The second step of signing or rejecting: what will happen, and the confirmed form (no script: a plain post).</summary>
    private string ConfirmStep(LinkToken token, LetterDraft draft, ApprovalDecision decision, string comment)
    {
        bool signing = token.Purpose == LinkPurpose.Signature;
        string page = signing ? "sign" : "approve";
        string consequence = signing
            ? $"Signing sends it to {this.Audience(draft)}. This cannot be undone."
            : $"Rejecting ends this letter's circulation: it will not be sent, and the drafter ({draft.Drafter}) is told, with your comment.";
        string button = signing ? $"Sign and send to {this.Audience(draft)}" : "Reject the letter";
        return $"""
            <div class="notice" role="status"><p><b>{HtmlPage.Enc(draft.Subject)}</b></p><p>{HtmlPage.Enc(consequence)}</p></div>
            <form method="post" action="/{page}">
              <input type="hidden" name="token" value="{HtmlPage.Enc(this.tokens.Issue(token))}">
              <input type="hidden" name="decision" value="{decision}">
              <input type="hidden" name="comment" value="{HtmlPage.Enc(comment)}">
              <input type="hidden" name="confirm" value="yes">
              <div class="actions">
                <button type="submit" class="{(signing ? "primary" : "danger")}">{HtmlPage.Enc(button)}</button>
                <a class="button" href="/{page}?token={Uri.EscapeDataString(this.tokens.Issue(token))}">Go back</a>
              </div>
            </form>
            """;
    }

    private static ApprovalDecision? ParseDecision(string? value) =>
        Enum.TryParse(value, ignoreCase: false, out ApprovalDecision d) && Enum.IsDefined(d) ? d : null;

    /// <summary>What changed since the version this approver last decided on, if they decided on an earlier one.</summary>
    private async Task<LetterChanges?> ChangesAsync(LinkToken token, LetterSnapshot snapshot, LetterDraft draft, CancellationToken ct)
    {
        if (token.Purpose != LinkPurpose.Approval)
        {
            return null;
        }

        // The status holds no rounds: the read model's timeline has them.
        var timeline = await this.readModel.TimelineAsync(token.LetterId, ct);
        int? lastSeen = LetterHistory.LastVersionSeenBy(timeline, snapshot.Progress.Version, token.Actor);
        if (lastSeen is not int seen || seen == token.Version)
        {
            return null;
        }

        var earlier = await this.versions.TryLoadAsync(token.LetterId, seen, ct);
        return earlier is null ? null : LetterChanges.Between(seen, earlier, token.Version, draft);
    }

    private string Form(LinkToken token, LetterDraft draft, LetterChanges? changes, IReadOnlyList<ApprovalRecord> decided, string? error, string comment)
    {
        string audience = this.Audience(draft);
        string decisionsHtml = decided.Count == 0
            ? ""
            : "<dt>Decisions so far</dt><dd><ul class=\"decisions\">" + string.Concat(decided.Select(d =>
                $"<li>Approver {d.Step + 1}, {HtmlPage.Enc(d.Approver)}: {ApprovalHistory.Describe(d.Decision)} on {LetterMails.When(d.DecidedAt)}"
                + (string.IsNullOrWhiteSpace(d.Comment) ? "" : $" <q>{HtmlPage.Enc(d.Comment)}</q>") + "</li>")) + "</ul></dd>";
        string paragraphs = LetterHtml.Body(draft.Body);
        string enclosures = LetterHtml.Enclosures(draft.Enclosures);
        string enclosuresHtml = enclosures.Length == 0 ? "" : $"<dt>Enclosures</dt><dd>{enclosures} (in the PDF, after the letter)</dd>";
        string errorHtml = error is null ? "" : $"""<div class="notice notice-problem" role="alert">{HtmlPage.Enc(error)}</div>""";
        string role = token.Purpose == LinkPurpose.Approval
            ? $"You are approver {token.Step + 1} of {draft.Approvers.Count}."
            : $"Every approver has approved this letter. Signing sends it to {audience}.";
        string actions = token.Purpose == LinkPurpose.Approval
            ? """
              <label for="comment">Comment <small>(required to request changes or reject)</small></label>
              <textarea id="comment" name="comment" rows="4">{COMMENT}</textarea>
              <div class="actions">
                <button type="submit" name="decision" value="Approve" class="primary">Approve</button>
                <button type="submit" name="decision" value="RequestChanges">Request changes</button>
                <button type="submit" name="decision" value="Reject" class="danger">Reject</button>
              </div>
              """
            : """
              <label for="comment">Note for the record <small>(optional)</small></label>
              <textarea id="comment" name="comment" rows="2">{COMMENT}</textarea>
              <div class="actions"><button type="submit" class="primary">Sign and circulate…</button></div>
              <p><small>You will be asked to confirm before anything is sent.</small></p>
              """;
        string page = token.Purpose == LinkPurpose.Approval ? "approve" : "sign";
        string verb = page; // each page is named by what its holder does: approve or sign
        string pdfUrl = HtmlPage.Enc($"/{page}/pdf?token={Uri.EscapeDataString(this.tokens.Issue(token))}");
        string date = draft.DatedOnSigning ? Rendering.LetterDocument.UndatedText : Rendering.LetterDateFormatter.Format(draft.Date);
        string changesHtml = changes is null
            ? ""
            : $"""
              <section class="changes" aria-labelledby="changes-title">
                <h2 id="changes-title">Changes since version {changes.FromVersion}, which you last saw</h2>
                <p>{HtmlPage.Enc(changes.Summary)}</p>
                {changes.ToHtml()}
              </section>
              """;
        return $"""
            <p class="lede">{HtmlPage.Enc(role)} Expires {token.ExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)}.</p>
            <dl class="facts">
              <dt>Subject</dt><dd>{HtmlPage.Enc(draft.Subject)}</dd>
              <dt>Letter</dt><dd>{HtmlPage.Enc(token.LetterId)}, version {token.Version}</dd>
              <dt>Signatory</dt><dd>{HtmlPage.Enc(string.IsNullOrEmpty(draft.Signatory.Title) ? draft.Signatory.Name : $"{draft.Signatory.Name}, {draft.Signatory.Title}")}</dd>
              <dt>Drafted by</dt><dd>{HtmlPage.Enc(draft.Drafter)}</dd>
              <dt>Goes to</dt><dd>{HtmlPage.Enc(audience)}</dd>
              {enclosuresHtml}
              {decisionsHtml}
            </dl>
            {changesHtml}
            <section class="rendition" aria-labelledby="rendition-title">
              <h2 id="rendition-title">The letter as printed (PDF)</h2>
              <iframe class="rendition-pdf" src="{pdfUrl}" title="The PDF of version {token.Version}, which you {verb}"></iframe>
              <p><a href="{pdfUrl}" target="_blank" rel="noopener">Open the PDF</a> · Rendition SHA-256: <code class="rendition-sha">{HtmlPage.Enc(token.RenditionSha256 ?? "")}</code></p>
            </section>
            <section class="convenience" aria-labelledby="convenience-title">
              <h2 id="convenience-title">Convenience view; the PDF above is what you {verb}</h2>
              <article class="letter" dir="ltr"><p class="date">{date}</p><p>Excellency,</p>{paragraphs}</article>
            </section>
            {errorHtml}
            <form method="post" action="/{page}">
              <input type="hidden" name="token" value="{HtmlPage.Enc(this.tokens.Issue(token))}">
              {actions.Replace("{COMMENT}", HtmlPage.Enc(comment), StringComparison.Ordinal)}
            </form>
            """;
    }

    private static string Confirmation(LinkToken token, LinkAction action)
    {
        string what = (token.Purpose, action.Decision) switch
        {
            (LinkPurpose.Signature, _) => "Your signature has been recorded. The signed letter is now being sent to every mission on the list.",
            (_, ApprovalDecision.Approve) => "Your approval has been recorded. The letter goes on to the next step.",
            (_, ApprovalDecision.RequestChanges) => "Your request for changes has been recorded and sent to the drafter.",
            _ => "Your rejection has been recorded and the drafter has been told.",
        };
        return $"""<div class="notice notice-ok" role="status"><p>{HtmlPage.Enc(what)}</p></div><p><a href="/letters/{HtmlPage.Enc(token.LetterId)}">Letter status</a></p>""";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Purpose} step {Step} acted with {Decision}")]
    private partial void LogActed(string letterId, LinkPurpose purpose, int step, ApprovalDecision decision);
}
