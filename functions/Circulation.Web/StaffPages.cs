using System.Collections.Frozen;
using Circulation.Drafting;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>
/// The staff pages (the letters list, a letter's page, the compose form) and their static assets, served from resources
/// embedded in this assembly. The pages are static: their scripts read everything through the JSON API, which checks
/// who may see what, so a page answers any signed-in person and shows what the API lets them see.
/// </summary>
public sealed class StaffPages
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = LoadAssets();

    /// <summary>GET / and GET letters: the letters, with search, filters, paging and the "Needs attention" view.</summary>
    public Task<IResult> LettersAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve("letters.html"));

    /// <summary>GET letters/new: the form to compose a new letter.</summary>
    public Task<IResult> ComposeAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve("compose.html"));

    /// <summary>GET letters/{id}: one letter's page (its text, versions, timeline, archive and deliveries).</summary>
    public Task<IResult> LetterAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(LetterId.IsWellFormed(routeValue) ? Serve("letter.html") : NoSuchLetter(routeValue));

    /// <summary>GET letters/{id}/edit: the compose form on the letter's current version.</summary>
    public Task<IResult> EditAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(LetterId.IsWellFormed(routeValue) ? Serve("compose.html") : NoSuchLetter(routeValue));

    private static IResult NoSuchLetter(string? id) => HtmlPage.Render(
        "No such letter",
        $"""<div class="notice notice-problem" role="alert"><p>“{HtmlPage.Enc(id)}” is not a letter's reference (they look like L20261203-101500-7K2QX9).</p></div><p><a href="/letters">All letters</a></p>""",
        StatusCodes.Status404NotFound);

    /// <summary>GET assets/{file}: a stylesheet or script.</summary>
    public Task<IResult> AssetAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve(routeValue));

    /// <summary>GET favicon.ico: the icon browsers ask for on every page.</summary>
    public Task<IResult> FaviconAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve("favicon.ico"));

    private static IResult Serve(string? name) =>
        name is not null && Assets.TryGetValue(name, out var asset)
            ? Results.Bytes(asset.Content, asset.ContentType)
            : ApiResults.Error(StatusCodes.Status404NotFound, $"There is no asset '{name}'.");

    private static FrozenDictionary<string, (byte[] Content, string ContentType)> LoadAssets()
    {
        const string prefix = "Circulation.Web.Assets.";
        var assembly = typeof(StaffPages).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string name = resource[prefix.Length..];
            string type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                ".ico" => "image/x-icon",
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
