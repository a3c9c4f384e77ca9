using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Web;

/// <summary>Every HTTP endpoint of Circulation. Both shells expose exactly these (a test keeps them in step).</summary>
public static class CirculationRoutes
{
    /// <summary>The route list.</summary>
    public static IReadOnlyList<CirculationRoute> All { get; } =
    [
        new("StaffForm", "GET", "", null, sp => sp.GetRequiredService<StaffPages>().FormAsync),
        new("StaffAsset", "GET", "assets/{file}", "file", sp => sp.GetRequiredService<StaffPages>().AssetAsync),
        new("CreateLetter", "POST", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().CreateAsync),
        new("ListLetters", "GET", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().ListAsync),
        new("GetLetter", "GET", "api/letters/{id}", "id", sp => sp.GetRequiredService<LetterApi>().GetAsync),
        new("GetLetterPdf", "GET", "api/letters/{id}/pdf", "id", sp => sp.GetRequiredService<LetterApi>().PdfAsync),
        new("GetLetterArchive", "GET", "api/letters/{id}/archive", "id", sp => sp.GetRequiredService<LetterApi>().ArchiveAsync),
        new("CreateDraft", "POST", "api/drafts", null, sp => sp.GetRequiredService<DraftApi>().CreateAsync),
        new("UpdateLetter", "PUT", "api/letters/{id}", "id", sp => sp.GetRequiredService<DraftApi>().UpdateAsync),
        new("SubmitLetter", "POST", "api/letters/{id}/submit", "id", sp => sp.GetRequiredService<DraftApi>().SubmitAsync),
        new("ListLetterVersions", "GET", "api/letters/{id}/versions", "id", sp => sp.GetRequiredService<DraftApi>().ListVersionsAsync),
        new("GetLetterVersion", "GET", "api/letters/{id}/versions/{version}", "id", sp => sp.GetRequiredService<DraftApi>().GetVersionAsync, "version"),
        new("GetLetterVersionPdf", "GET", "api/letters/{id}/versions/{version}/pdf", "id", sp => sp.GetRequiredService<DraftApi>().GetVersionPdfAsync, "version"),
        new("PreviewLetter", "POST", "api/preview", null, sp => sp.GetRequiredService<DraftApi>().PreviewAsync),
        new("UploadDocument", "POST", "api/documents", null, sp => sp.GetRequiredService<DocumentApi>().UploadAsync),
        new("ListDistributionLists", "GET", "api/distribution-lists", null, sp => sp.GetRequiredService<LetterApi>().DistributionListsAsync),
        new("Health", "GET", "api/health", null, sp => sp.GetRequiredService<HealthEndpoint>().CheckAsync),
        new("ApprovalPage", "GET", "approve", null, sp => sp.GetRequiredService<LinkPages>().ShowApprovalAsync),
        new("ApprovalAction", "POST", "approve", null, sp => sp.GetRequiredService<LinkPages>().ActOnApprovalAsync),
        new("SignaturePage", "GET", "sign", null, sp => sp.GetRequiredService<LinkPages>().ShowSignatureAsync),
        new("SignatureAction", "POST", "sign", null, sp => sp.GetRequiredService<LinkPages>().ActOnSignatureAsync),
    ];
}
