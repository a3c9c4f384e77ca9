using System.Globalization;
using Circulation.Drafting;
using Circulation.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Circulation.Web;

/// <summary>
/// A letter's versions, read: list them, read one's JSON exactly as archived or its unsigned PDF; and the preview of a
/// letter as a PDF, stored nowhere.
/// </summary>
public sealed class LetterVersionsApi
{
    private const string PreviewId = "PREVIEW";

    private readonly LetterVersions versions;
    private readonly LetterIntake intake;
    private readonly LetterPdfService renderer;

    /// <summary>Creates the API.</summary>
    public LetterVersionsApi(LetterVersions versions, LetterIntake intake, LetterPdfService renderer)
    {
        this.versions = versions;
        this.intake = intake;
        this.renderer = renderer;
    }

    /// <summary>GET api/letters/{id}/versions: every version with its subject, time and hashes, oldest first.</summary>
    public Task<IResult> ListVersionsAsync(HttpRequest request, DurableTaskClient client, string? routeValue) =>
        LetterStatusReader.AnswerAsync(request, client, routeValue, async (snapshot, ct) =>
        {
            string id = snapshot.Progress.LetterId;
            var stored = await this.versions.ListAsync(id, ct);
            var drafts = await Task.WhenAll(stored.Select(v => this.versions.LoadAsync(id, v.Version, ct)));
            var list = stored.Zip(drafts, (v, draft) => new
            {
                version = v.Version,
                createdAt = v.Json.StoredAt,
                subject = draft.Subject,
                submitted = v.Submitted,
                pdfSha256 = v.Pdf?.Sha256,
                pdfSize = v.Pdf?.Size,
                jsonSha256 = v.Json.Sha256,
                links = new { json = $"/api/letters/{id}/versions/{v.Version}", pdf = $"/api/letters/{id}/versions/{v.Version}/pdf" },
            });
            return ApiResults.Json(new { id, current = stored.Count == 0 ? 0 : stored[^1].Version, versions = list });
        });

    /// <summary>GET api/letters/{id}/versions/{n}: the version's JSON exactly as archived (the letter JSON the form loads to edit).</summary>
    public async Task<IResult> GetVersionAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (id, version, refusal) = await this.FindVersionAsync(request, client, routeValue);
        if (refusal is not null)
        {
            return refusal;
        }

        byte[]? json = await this.versions.ReadJsonAsync(id!, version, request.HttpContext.RequestAborted);
        if (json is null)
        {
            return ApiResults.Error(StatusCodes.Status404NotFound, $"Letter {id} has no version {version}.");
        }

        request.HttpContext.Response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
        return Results.Bytes(json, "application/json; charset=utf-8");
    }

    /// <summary>GET api/letters/{id}/versions/{n}/pdf: the version's unsigned PDF.</summary>
    public async Task<IResult> GetVersionPdfAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (id, version, refusal) = await this.FindVersionAsync(request, client, routeValue);
        if (refusal is not null)
        {
            return refusal;
        }

        var ct = request.HttpContext.RequestAborted;
        byte[]? pdf = await this.versions.ReadPdfAsync(id!, version, ct);
        if (pdf is null)
        {
            return await this.versions.ExistsAsync(id!, version, ct)
                ? ApiResults.Error(StatusCodes.Status404NotFound, $"Version {version} of letter {id} has no PDF yet: it is being rendered. Try again in a moment.")
                : ApiResults.Error(StatusCodes.Status404NotFound, $"Letter {id} has no version {version}.");
        }

        request.HttpContext.Response.Headers.ContentDisposition = $"inline; filename=\"{Mail.LetterMails.PdfName(id!, version, signed: false)}\"";
        return Results.File(pdf, "application/pdf");
    }

    /// <summary>POST api/preview: the letter as a PDF, rendered from the body and stored nowhere.</summary>
    public async Task<IResult> PreviewAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (draft, error) = await this.intake.ReadDraftAsync(request);
        if (draft is null)
        {
            return error!;
        }

        int version = int.TryParse(request.Query["version"], NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v is > 0 and < 10_000 ? v : 1;
        byte[] pdf = await this.renderer.RenderAsync(PreviewId, version, draft, signed: false, CancellationToken.None);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.ContentDisposition = "inline; filename=\"preview.pdf\"";
        return Results.File(pdf, "application/pdf");
    }

    private async Task<(string? Id, int Version, IResult? Refusal)> FindVersionAsync(HttpRequest request, DurableTaskClient client, string? routeValue)
    {
        var (idValue, versionValue) = CirculationRoute.Split(routeValue);
        var snapshot = await LetterStatusReader.ReadAsync(client, idValue, request.HttpContext.RequestAborted);
        if (snapshot is null)
        {
            return (null, 0, ApiResults.NoSuchLetter(idValue));
        }

        return int.TryParse(versionValue, NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0
            ? (snapshot.Progress.LetterId, version, null)
            : (null, 0, ApiResults.Error(StatusCodes.Status400BadRequest, $"'{versionValue}' is not a version number; versions are numbered 1, 2, 3, ..."));
    }
}
