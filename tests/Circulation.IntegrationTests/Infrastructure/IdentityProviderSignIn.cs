using System.Net;
using System.Text.RegularExpressions;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Signs an HttpClient in to a local host the way a browser does: /signin redirects to the local OpenID Connect
/// provider, whose sign-in page takes the e-mail address and the dev password; the provider redirects back with a
/// code, which the host exchanges (with PKCE) for the session cookie.
/// </summary>
/// <remarks>Also compiled into the distribution benchmark (tests/Circulation.Benchmarks), so it needs no test framework.</remarks>
internal static partial class IdentityProviderSignIn
{
    /// <summary>Follows the whole flow with <paramref name="http"/> (cookies on, redirects off); throws if it does not end signed in.</summary>
    public static async Task SignInAsync(HttpClient http, Uri appBase, string email, string password)
    {
        var next = new Uri(appBase, "signin?returnUrl=%2F");
        bool submitted = false;
        for (int hop = 0; hop < 12; hop++)
        {
            using var response = await http.GetAsync(next);
            if (IsRedirect(response.StatusCode))
            {
                next = new Uri(next, response.Headers.Location!);
                continue;
            }

            string body = await response.Content.ReadAsStringAsync();
            if (next.Port == appBase.Port && response.StatusCode == HttpStatusCode.OK && !body.Contains("type=\"password\"", StringComparison.Ordinal))
            {
                return;
            }

            Require(!submitted, $"Signing in as {email} did not succeed; the provider answered {(int)response.StatusCode} at {next}:\n{body}");
            Require(response.StatusCode == HttpStatusCode.OK, $"The sign-in page at {next} answered {(int)response.StatusCode}:\n{body}");
            var (action, fields) = ReadForm(body, next);
            fields["email"] = email;
            fields["password"] = password;
            using var post = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
            post.Headers.TryAddWithoutValidation("Origin", action.GetLeftPart(UriPartial.Authority));
            using var answer = await http.SendAsync(post);
            Require(IsRedirect(answer.StatusCode), $"Signing in as {email} was refused ({(int)answer.StatusCode}):\n{await answer.Content.ReadAsStringAsync()}");
            next = new Uri(action, answer.Headers.Location!);
            submitted = true;
        }

        throw new InvalidOperationException($"Signing in as {email} did not finish within 12 redirects (last {next}).");
    }

    /// <summary>The sign-in form's action and its fields (hidden ones with their values: the anti-forgery token, the return URL).</summary>
    public static (Uri Action, Dictionary<string, string> Fields) ReadForm(string html, Uri page)
    {
        var form = FormTag().Match(html);
        Require(form.Success, $"No form on {page}:\n{html}");
        string action = WebUtility.HtmlDecode(form.Groups["action"].Value);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputTag().Matches(html))
        {
            string tag = input.Value;
            if (Attribute(tag, "name") is { } name && Attribute(tag, "type") is "hidden")
            {
                fields[name] = Attribute(tag, "value") ?? "";
            }
        }

        return (new Uri(page, action.Length == 0 ? page.PathAndQuery : action), fields);
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"""\s{name}="(?<v>[^"]*)" """.TrimEnd(), RegexOptions.CultureInvariant);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }

    [GeneratedRegex("""<form[^>]*\saction="(?<action>[^"]*)"[^>]*>""", RegexOptions.CultureInvariant)]
    private static partial Regex FormTag();

    [GeneratedRegex("""<input[^>]*>""", RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();
}
