using System.Globalization;
using Circulation.Office;
using Circulation.Verification;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>
/// The public verification: GET /verify (a page; the browser computes a dropped PDF's SHA-256 and sends only that, and a
/// form takes a pasted one without script) and GET /api/verify/{sha256} (the same answer as JSON). Anyone may call them,
/// within a budget per client address (<see cref="VerificationBudget"/>); they answer only whether a file is the signed
/// PDF of a letter the Office circulated, and what that letter is.
/// </summary>
public sealed class VerifyPages
{
    /// <summary>The query parameter of the page's form.</summary>
    public const string HashParameter = "sha256";

    private const string NotAHash = "That is not a SHA-256: give the 64 characters (0-9 and a-f) of the file's SHA-256.";

    private readonly VerificationIndex index;
    private readonly VerificationBudget budget;
    private readonly OfficeClock office;

    /// <summary>Creates the handlers.</summary>
    public VerifyPages(VerificationIndex index, VerificationBudget budget, OfficeClock office)
    {
        this.index = index;
        this.budget = budget;
        this.office = office;
    }

    /// <summary>GET /verify, and GET /verify?sha256=... (the form's answer).</summary>
    public async Task<IResult> PageAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Query.TryGetValue(HashParameter, out var asked))
        {
            return Page(null, null);
        }

        if (this.budget.TryTake(request) is { } wait)
        {
            return new RetryAfterResult(
                Page(asked.ToString(), Notice("notice-problem", $"You have made many checks in a short time. Try again in {Seconds(wait)} seconds."), StatusCodes.Status429TooManyRequests),
                wait);
        }

        if (!Sha256Text.TryNormalize(asked.ToString(), out string? sha256))
        {
            return Page(asked.ToString(), Notice("notice-problem", NotAHash), StatusCodes.Status400BadRequest);
        }

        var letter = await this.index.FindCirculatedAsync(sha256, request.HttpContext.RequestAborted);
        string answer = letter is null
            ? Notice("notice-problem verify-not-circulated", VerificationText.NotCirculated)
            : Notice("notice-ok verify-authentic", VerificationText.Authentic(letter, this.office.TimeZone));
        return Page(sha256, answer + $"""<p class="verify-hash">SHA-256 checked: <code>{sha256}</code></p>""");
    }

    /// <summary>GET /api/verify/{sha256}.</summary>
    public async Task<IResult> ApiAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (this.budget.TryTake(request) is { } wait)
        {
            return new RetryAfterResult(
                ApiResults.Problem(ProblemKind.TooManyRequests, $"This address has used its checks for this minute. Try again in {Seconds(wait)} seconds."),
                wait);
        }

        if (!Sha256Text.TryNormalize(routeValue, out string? sha256))
        {
            return ApiResults.Problem(ProblemKind.BadRequest, NotAHash);
        }

        return ApiResults.Json(VerificationAnswer.For(await this.index.FindCirculatedAsync(sha256, request.HttpContext.RequestAborted)));
    }

    private static IResult Page(string? asked, string? answer, int status = StatusCodes.Status200OK) => HtmlPage.Render(
        "Check a letter",
        $"""
        <link rel="stylesheet" href="/assets/verify.css">
        <p class="lead">Check that a PDF you received as a letter from the Office of the President of the General Assembly is one the Office signed and circulated, unchanged.</p>
        <div id="verify-drop" class="verify-drop" hidden>
        <p><strong>Drop the PDF here</strong>, or <label class="button" for="verify-file">choose the file</label><input id="verify-file" type="file" accept="application/pdf,.pdf"></p>
        <p class="hint">The file does not leave your computer: your browser computes its SHA-256 fingerprint and sends only that.</p>
        </div>
        <form method="get" action="/verify" class="verify-form">
        <label for="verify-sha256">Or paste the file's SHA-256</label>
        <input id="verify-sha256" name="{HashParameter}" type="text" inputmode="latin" autocomplete="off" spellcheck="false" maxlength="200" value="{HtmlPage.Enc(asked)}" placeholder="64 characters, 0-9 and a-f">
        <button type="submit" class="primary">Check</button>
        </form>
        <div id="verify-answer" aria-live="polite">{answer}</div>
        <p class="hint">A SHA-256 can be computed without this page, e.g. <code>sha256sum letter.pdf</code> (Linux), <code>shasum -a 256 letter.pdf</code> (macOS) or <code>Get-FileHash letter.pdf</code> (Windows PowerShell).</p>
        <script src="/assets/verify.js" defer></script>
        """,
        status);

    private static string Notice(string classes, string text) => $"""<div class="notice {classes}" role="status"><p>{HtmlPage.Enc(text)}</p></div>""";

    private static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary><paramref name="inner"/> (a 429) with the Retry-After header, in whole seconds, at least 1.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan after) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Seconds(after);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
