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
/// POST acts, once: the token must be genuine, unexpired, the one the letter waits for, unused, and bound to the
/// version's current rendition (its archived PDF, which the page shows inline, served to the link's holder by
/// <c>approve/pdf</c> and <c>sign/pdf</c>, and which the decision is recorded against).
/// </summary>
public sealed partial class LinkPages
{
    private const int MaxCommentLength = 4000;
    private readonly LinkTokenService tokens;
    private readonly LetterVersions versions;
    private readonly LetterArchive archive;
    private readonly LetterReadModel readModel;
    private readonly TimeProvider clock;
    private readonly SignInUrls signIn;
    private readonly MissionDirectory missions;
    private readonly StaffDirectory staff;
    private readonly ILogger<LinkPages> logger;

    /// <summary>Creates the pages.</summary>
    public LinkPages(
        LinkTokenService tokens,
        LetterVersions versions,
        LetterArchive archive,
        LetterReadModel readModel,
        TimeProvider clock,
        SignInUrls signIn,
        MissionDirectory missions,
        StaffDirectory staff,
        ILogger<LinkPages> logger)
    {
        this.staff = staff;
        this.readModel = readModel;
        this.missions = missions;
        this.signIn = signIn;
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
        var (token, snapshot, refusal) = await this.AuthorizeAsync(
            request.Query["token"], purpose, client, RequestGuard.SignedIn(request), request.Path + request.QueryString, ct);
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
        var (token, _, refusal) = await this.AuthorizeAsync(
            request.Query["token"], purpose, client, RequestGuard.SignedIn(request), request.Path + request.QueryString, ct);
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
        var (token, snapshot, refusal) = await this.AuthorizeAsync(
            form["token"], purpose, client, RequestGuard.SignedIn(request), $"{request.Path}?token={Uri.EscapeDataString(form["token"].ToString())}", ct);
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
            return await this.UsedPageAsync(token, RequestGuard.SignedIn(request), ct);
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

    private async Task<(LinkToken? Token, LetterSnapshot? Snapshot, IResult? Refusal)> AuthorizeAsync(
        string? value, LinkPurpose purpose, DurableTaskClient client, SignedInStaff signedIn, string returnPath, CancellationToken ct)
    {
        var status = this.tokens.Check(value, out var token);
        if (status is LinkTokenStatus.Malformed or LinkTokenStatus.Tampered || token is null || token.Purpose != purpose)
        {
            this.LogRefused(status.ToString());
            return (null, null, HtmlPage.Problem(
                "This link is not valid",
                "The link is incomplete or has been altered. Open it again from the e-mail you received, without changing it.",
                StatusCodes.Status400BadRequest));
        }

        if (status == LinkTokenStatus.Expired)
        {
            return (null, null, HtmlPage.Problem(
                "This link has expired",
                $"The link expired on {token.ExpiresAt.ToString("d MMMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture)}. Ask the drafter to circulate the letter again.",
                StatusCodes.Status410Gone));
        }

        var snapshot = await LetterStatusReader.ReadAsync(client, token.LetterId, ct);
        if (snapshot is null)
        {
            return (null, null, HtmlPage.Problem("Letter not found", $"There is no letter {token.LetterId}.", StatusCodes.Status404NotFound));
        }

        // Every link of a withdrawn letter says so, whatever its version or use: nothing is needed from its holder.
        if (snapshot.Progress.Stage == LetterStage.Withdrawn)
        {
            return (null, null, WithdrawnPage(snapshot.Progress.Withdrawal));
        }

        // A link for an earlier version is dead whether or not it was used: the letter has been revised since.
        if (token.Version < snapshot.Progress.Version)
        {
            return (null, null, HtmlPage.Problem(
                "This link is for an earlier version",
                $"This link was for version {token.Version} of the letter \"{snapshot.Progress.Subject}\". The drafter has revised it since: it is now at version {snapshot.Progress.Version}. "
                + "When a revised version is submitted, approval starts again from the first approver, each with a new link by e-mail.",
                StatusCodes.Status410Gone));
        }

        // The claim is written before the event is raised, so right after a use the orchestration may still
        // be waiting on this token: the claim, not the pending step, says whether the link is spent.
        // A link retired by a withdrawal or a replacement holds that as its claim, and says so.
        if (await this.archive.ReadAsync(token.LetterId, ArchivePaths.LinkUse(token.TokenId), ct) is { } claim)
        {
            return (null, null, LinkRetirement.TryRead(claim)?.Action is { } retired ? RetiredPage(retired) : await this.UsedPageAsync(token, signedIn, ct));
        }

        // A link is bound to the PDF its holder was sent: one naming another rendition than the version's archived one
        // decides on something other than what would be signed, and is refused like a link for an earlier version.
        var rendition = await this.archive.FindAsync(token.LetterId, ArchivePaths.VersionPdf(token.Version), ct);
        if (rendition is null || !string.Equals(rendition.Sha256, token.RenditionSha256, StringComparison.Ordinal))
        {
            this.LogStaleRendition(token.LetterId, token.Purpose);
            return (null, null, HtmlPage.Problem(
                "This link is for a different PDF",
                $"This link was sent with a PDF of version {token.Version} of the letter \"{snapshot.Progress.Subject}\" that is not the version's PDF now, so a decision with it "
                + "would not be about what is printed. Nothing was changed. Ask the drafter to send the request again.",
                StatusCodes.Status409Conflict));
        }

        if (snapshot.Progress.Pending?.TokenId == token.TokenId)
        {
            // A genuine, current link opens only for the person it was sent to: a forwarded link changes nothing.
            if (StaffAccess.RefuseLink(signedIn, token.Actor, purpose) is { } notYours)
            {
                this.LogNotAddressee(token.LetterId, token.Purpose);
                return (null, null, this.NotAddresseePage(token, notYours, returnPath));
            }

            return (token, snapshot, null);
        }

        return (null, null, HtmlPage.Problem(
            "This link is no longer current",
            $"The letter has moved on (it is now at stage {snapshot.Progress.Stage}, version {snapshot.Progress.Version}), so this link no longer applies.",
            StatusCodes.Status410Gone));
    }

    private IResult NotAddresseePage(LinkToken token, string reason, string returnPath) => HtmlPage.Render(
        $"This link was sent to {token.Actor}",
        $"""<div class="notice notice-problem" role="alert"><p>{HtmlPage.Enc(reason)}</p><p>Nothing was changed.</p></div>"""
        + $"""<p><a class="button" href="{HtmlPage.Enc(this.signIn.SwitchTo(token.Actor, returnPath))}">Sign in as {HtmlPage.Enc(token.Actor)}</a></p>""",
        StatusCodes.Status403Forbidden);

    private static IResult RetiredPage(LetterAction retired) => retired.Kind == LetterActionKind.Withdrawn
        ? WithdrawnPage(retired)
        : HtmlPage.Problem(
            "This link was replaced",
            $"This link was replaced: {retired.Person} now decides on this letter ({retired.By} made the change on {LetterProgress.InWords(retired.At)}). Nothing is needed from you.",
            StatusCodes.Status410Gone);

    private static IResult WithdrawnPage(LetterAction? withdrawal) => HtmlPage.Problem(
        "This letter was withdrawn",
        withdrawal is null
            ? "This letter was withdrawn. Nothing is needed from you."
            : $"This letter was withdrawn by {withdrawal.By} on {LetterProgress.InWords(withdrawal.At)}: {Sentence(withdrawal.Reason)}. Nothing is needed from you.",
        StatusCodes.Status410Gone);

    private static string Sentence(string? reason) => (reason ?? "no reason given").Trim().TrimEnd('.');

    /// <summary>The "already used" page: what was decided with the link, by whom and when (from the link's use record).</summary>
    private async Task<IResult> UsedPageAsync(LinkToken token, SignedInStaff signedIn, CancellationToken ct)
    {
        string what = "A decision has already been recorded with this link.";
        if (await this.archive.ReadAsync(token.LetterId, ArchivePaths.LinkUse(token.TokenId), ct) is { } bytes)
        {
            var use = System.Text.Json.JsonDocument.Parse(bytes).RootElement;
            string actor = use.GetProperty("actor").GetString() ?? token.Actor;
            string who = string.Equals(actor, signedIn.Email, StringComparison.OrdinalIgnoreCase) ? "You" : actor;
            var decision = Enum.Parse<ApprovalDecision>(use.GetProperty("decision").GetString()!);
            string verb = (token.Purpose, decision) switch
            {
                (LinkPurpose.Signature, _) => "signed",
                (_, ApprovalDecision.Approve) => "approved",
                (_, ApprovalDecision.RequestChanges) => "asked for changes to",
                _ => "rejected",
            };
            what = $"{who} {verb} this letter on {LetterMails.When(use.GetProperty("at").GetDateTimeOffset())}.";
        }

        return HtmlPage.Render(
            "This link has already been used",
            $"""<div class="notice notice-problem" role="alert"><p>{HtmlPage.Enc(what)}</p><p>Each link works once. Nothing was changed.</p></div>"""
            + $"""<p><a href="/letters/{HtmlPage.Enc(token.LetterId)}">See the letter</a></p>""",
            StatusCodes.Status409Conflict);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a link: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: refused a {Purpose} link bound to another rendition than the version's")]
    private partial void LogStaleRendition(string letterId, LinkPurpose purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: refused a {Purpose} link opened by someone it was not sent to")]
    private partial void LogNotAddressee(string letterId, LinkPurpose purpose);

    [LoggerMessage(Level = LogLevel.Information, Message = "Letter {LetterId}: {Purpose} step {Step} acted with {Decision}")]
    private partial void LogActed(string letterId, LinkPurpose purpose, int step, ApprovalDecision decision);
}
