using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Staff;
using Microsoft.AspNetCore.Http;

namespace Circulation.Web;

/// <summary>
/// Reads the letter JSON that POST api/letters, POST api/drafts, PUT api/letters/{id} and POST api/preview take,
/// with the same answers for a bad request everywhere: 415 not JSON, 413 too large, 400 naming each bad field.
/// </summary>
internal static class LetterRequests
{
    /// <summary>Reads and validates the body; returns the draft, or the error to answer with.</summary>
    /// <param name="request">The request.</param>
    /// <param name="directory">The mission directory (its lists).</param>
    /// <param name="staff">The staff directory approvers and the signatory are chosen from.</param>
    /// <param name="drafter">The letter's drafter: the signed-in person creating it, or the one who created the letter being edited.</param>
    /// <param name="documents">Uploaded documents, to check enclosed document ids.</param>
    /// <param name="clock">The clock, for the default date.</param>
    public static async Task<(LetterDraft? Draft, IResult? Error)> ReadDraftAsync(
        HttpRequest request, MissionDirectory directory, StaffDirectory staff, string drafter, UploadedDocuments documents, Office.OfficeClock clock)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "Send the letter as JSON with Content-Type: application/json."));
        }

        string? json = await ReadBodyAsync(request, LetterApi.MaxRequestBytes, request.HttpContext.RequestAborted);
        if (json is null)
        {
            return (null, ApiResults.Error(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {LetterApi.MaxRequestBytes / 1024} KB."));
        }

        var today = clock.Today();
        var draft = LetterDraftParser.TryParse(json, today, [.. directory.Lists.Select(l => l.Id)], staff, drafter, out var errors);
        if (draft is null)
        {
            return (null, ApiResults.Invalid(errors));
        }

        var unknownDocuments = await documents.FindUnknownAsync(draft, request.HttpContext.RequestAborted);
        return unknownDocuments.Count > 0 ? (null, ApiResults.Invalid(unknownDocuments)) : (draft, null);
    }

    /// <summary>
    /// The version an edit or submission is based on, from an If-Match header ("3", or an ETag like "\"3\""); null when
    /// the client sent none; -1 when the header is not a version number.
    /// </summary>
    public static int? BaseVersion(HttpRequest request)
    {
        string? value = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string trimmed = value.Trim();
        if (trimmed.StartsWith("W/", StringComparison.Ordinal))
        {
            trimmed = trimmed[2..];
        }

        trimmed = trimmed.Trim('"');
        return int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version) && version > 0
            ? version
            : -1;
    }

    internal static async Task<string?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
