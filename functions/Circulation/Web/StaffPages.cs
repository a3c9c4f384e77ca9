using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>The staff form at "/" and its static assets, served from resources embedded in this assembly.</summary>
public sealed class StaffPages
{
    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Assets = LoadAssets();

    /// <summary>GET /: the form to compose and circulate a letter, with the letters' live status.</summary>
    public Task<IResult> FormAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve("index.html"));

    /// <summary>GET assets/{file}: a stylesheet or script.</summary>
    public Task<IResult> AssetAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        Task.FromResult(Serve(routeValue));

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
                _ => "application/octet-stream",
            };
            assets[name] = (copy.ToArray(), type);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
