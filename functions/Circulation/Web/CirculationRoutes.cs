using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Web;

/// <summary>
/// Every HTTP endpoint of Circulation and who may call it. Both shells expose exactly these (a test keeps them in step);
/// every route but the health check and the static assets needs a signed-in person of the Office.
/// </summary>
public static class CirculationRoutes
{
    /// <summary>The route list.</summary>
    public static IReadOnlyList<CirculationRoute> All { get; } =
    [
        new("StaffHome", "GET", "", null, sp => sp.GetRequiredService<StaffPages>().LettersAsync),
        new("LettersPage", "GET", "letters", null, sp => sp.GetRequiredService<StaffPages>().LettersAsync),
        new("NewLetterPage", "GET", "letters/new", null, sp => sp.GetRequiredService<StaffPages>().ComposeAsync),
        new("LetterPage", "GET", "letters/{id}", "id", sp => sp.GetRequiredService<StaffPages>().LetterAsync),
        new("EditLetterPage", "GET", "letters/{id}/edit", "id", sp => sp.GetRequiredService<StaffPages>().EditAsync),
        new("StaffAsset", "GET", "assets/{file}", "file", sp => sp.GetRequiredService<StaffPages>().AssetAsync) { Access = RouteAccess.Public },
        new("CreateLetter", "POST", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().CreateAsync) { Access = RouteAccess.Compose },
        new("ListLetters", "GET", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().ListAsync),
        new("GetLetter", "GET", "api/letters/{id}", "id", sp => sp.GetRequiredService<LetterApi>().GetAsync) { Access = RouteAccess.ReadLetter },
        new("GetLetterPdf", "GET", "api/letters/{id}/pdf", "id", sp => sp.GetRequiredService<LetterApi>().PdfAsync) { Access = RouteAccess.ReadLetter },
        new("GetLetterArchive", "GET", "api/letters/{id}/archive", "id", sp => sp.GetRequiredService<LetterApi>().ArchiveAsync) { Access = RouteAccess.ReadLetter },
        new("ListDeliveries", "GET", "api/letters/{id}/deliveries", "id", sp => sp.GetRequiredService<DeliveryApi>().ListAsync) { Access = RouteAccess.ReadLetter },
        new("ResendFailed", "POST", "api/letters/{id}/deliveries/resend-failed", "id", sp => sp.GetRequiredService<DeliveryApi>().ResendFailedAsync) { Access = RouteAccess.ChangeLetter },
        new("ResendToMission", "POST", "api/letters/{id}/deliveries/{mission}/resend", "id", sp => sp.GetRequiredService<DeliveryApi>().ResendOneAsync, "mission") { Access = RouteAccess.ChangeLetter },
        new("WithdrawLetter", "POST", "api/letters/{id}/withdraw", "id", sp => sp.GetRequiredService<LetterCommandApi>().WithdrawAsync) { Access = RouteAccess.ChangeLetter },
        new("RemindLetter", "POST", "api/letters/{id}/remind", "id", sp => sp.GetRequiredService<LetterCommandApi>().RemindAsync) { Access = RouteAccess.ChangeLetter },
        new("ReplaceLetterPerson", "POST", "api/letters/{id}/replace", "id", sp => sp.GetRequiredService<LetterCommandApi>().ReplaceAsync) { Access = RouteAccess.ChangeLetter },
        new("CreateDraft", "POST", "api/drafts", null, sp => sp.GetRequiredService<DraftApi>().CreateAsync) { Access = RouteAccess.Compose },
        new("UpdateLetter", "PUT", "api/letters/{id}", "id", sp => sp.GetRequiredService<DraftApi>().UpdateAsync) { Access = RouteAccess.ChangeLetter },
        new("SubmitLetter", "POST", "api/letters/{id}/submit", "id", sp => sp.GetRequiredService<DraftApi>().SubmitAsync) { Access = RouteAccess.ChangeLetter },
        new("ListLetterVersions", "GET", "api/letters/{id}/versions", "id", sp => sp.GetRequiredService<DraftApi>().ListVersionsAsync) { Access = RouteAccess.ReadLetter },
        new("GetLetterVersion", "GET", "api/letters/{id}/versions/{version}", "id", sp => sp.GetRequiredService<DraftApi>().GetVersionAsync, "version") { Access = RouteAccess.ReadLetter },
        new("GetLetterVersionPdf", "GET", "api/letters/{id}/versions/{version}/pdf", "id", sp => sp.GetRequiredService<DraftApi>().GetVersionPdfAsync, "version") { Access = RouteAccess.ReadLetter },
        new("PreviewLetter", "POST", "api/preview", null, sp => sp.GetRequiredService<DraftApi>().PreviewAsync) { Access = RouteAccess.Compose },
        new("UploadDocument", "POST", "api/documents", null, sp => sp.GetRequiredService<DocumentApi>().UploadAsync) { Access = RouteAccess.Compose, RequestContentType = "application/pdf" },
        new("ListDistributionLists", "GET", "api/distribution-lists", null, sp => sp.GetRequiredService<LetterApi>().DistributionListsAsync),
        new("ListPeople", "GET", "api/people", null, sp => sp.GetRequiredService<PeopleApi>().ListAsync),
        new("Health", "GET", "api/health", null, sp => sp.GetRequiredService<HealthEndpoint>().CheckAsync) { Access = RouteAccess.Public },
        new("ApprovalPage", "GET", "approve", null, sp => sp.GetRequiredService<LinkPages>().ShowApprovalAsync),
        new("ApprovalAction", "POST", "approve", null, sp => sp.GetRequiredService<LinkPages>().ActOnApprovalAsync),
        new("SignaturePage", "GET", "sign", null, sp => sp.GetRequiredService<LinkPages>().ShowSignatureAsync),
        new("SignatureAction", "POST", "sign", null, sp => sp.GetRequiredService<LinkPages>().ActOnSignatureAsync),
    ];
}
