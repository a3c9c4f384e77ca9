using System.Globalization;
using Circulation.Access;
using Circulation.Approval;
using Circulation.Archive;
using Circulation.Domain;
using Circulation.Mail;
using Circulation.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Circulation.Web;

/// <summary>
/// Decides whether an e-mailed link may be used by the signed-in person, for its page, its PDF and its action alike:
/// the token must be genuine, of the page's purpose, unexpired, for a letter that exists and was not withdrawn, for its
/// current version, unused, bound to the version's archived rendition, the one the letter waits for, and opened by the
/// person it was sent to. Anything else is refused with a page saying why, and nothing is changed; a page about the
/// letter itself (withdrawn, used, replaced, out of date) is shown only to the person the link was sent to.
/// </summary>
public sealed partial class LinkAccess
{
    private readonly LinkTokenService tokens;
    private readonly LetterArchive archive;
    private readonly SignInUrls signIn;
    private readonly ILogger<LinkAccess> logger;

    /// <summary>Creates the gate.</summary>
    public LinkAccess(LinkTokenService tokens, LetterArchive archive, SignInUrls signIn, ILogger<LinkAccess> logger)
    {
        this.tokens = tokens;
        this.archive = archive;
        this.signIn = signIn;
        this.logger = logger;
    }

    /// <summary>
    /// The link's token and letter when <paramref name="value"/> may be used by the signed-in person for
    /// <paramref name="purpose"/>; otherwise the refusal page to answer with.
    /// </summary>
    /// <param name="request">The request (its signed-in person).</param>
    /// <param name="value">The token, from the query or the form.</param>
    /// <param name="purpose">What the page is for.</param>
    /// <param name="client">The workflow client.</param>
    /// <param name="returnPath">Where signing in as the link's addressee leads back to.</param>
    public async Task<(LinkToken? Token, LetterSnapshot? Snapshot, IResult? Refusal)> AuthorizeAsync(
        HttpRequest request, string? value, LinkPurpose purpose, DurableTaskClient client, string returnPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ct = request.HttpContext.RequestAborted;
        var signedIn = RequestGuard.SignedIn(request);
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

        // What the letter is and what became of it (subject, withdrawal, decisions) is for the link's addressee only:
        // anyone else learns whom the link was sent to, and nothing about the letter.
        if (!signedIn.Is(token.Actor))
        {
            this.LogNotAddressee(token.LetterId, token.Purpose);
            return (null, null, this.NotAddresseePage(token, StaffAccess.RefuseLink(signedIn, token.Actor, purpose)!, returnPath));
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

    /// <summary>The "already used" page: what was decided with the link, by whom and when (from the link's use record).</summary>
    /// <param name="token">The link's token.</param>
    /// <param name="signedIn">Who opened it.</param>
    /// <param name="ct">Cancels the read.</param>
    public async Task<IResult> UsedPageAsync(LinkToken token, SignedInStaff signedIn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(signedIn);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a link: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: refused a {Purpose} link bound to another rendition than the version's")]
    private partial void LogStaleRendition(string letterId, LinkPurpose purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letter {LetterId}: refused a {Purpose} link opened by someone it was not sent to")]
    private partial void LogNotAddressee(string letterId, LinkPurpose purpose);
}
