using Microsoft.Extensions.DependencyInjection;

namespace Circulation.Web;

/// <summary>
/// Every HTTP endpoint of Circulation and who may call it. Both shells expose exactly these (a test keeps them in step);
/// every route but the health check, the static assets and the favicon, the OpenAPI document and the public verification (/verify,
/// api/verify/{sha256}) needs a signed-in person of the Office.
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
        new("Favicon", "GET", "favicon.ico", null, sp => sp.GetRequiredService<StaffPages>().FaviconAsync) { Access = RouteAccess.Public },
        new("CreateLetter", "POST", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().CreateAsync) { Access = RouteAccess.Compose, Doc = new("Creates a letter and starts its circulation at once") { Body = ApiSchemas.LetterDraft, Status = 201, Returns = ApiSchemas.LetterSaved, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.TooLarge] } },
        new("ListLetters", "GET", "api/letters", null, sp => sp.GetRequiredService<LetterApi>().ListAsync) { Doc = new("Lists your letters (an admin: all), newest first, a page at a time") { Returns = ApiSchemas.LetterList, Query = [("stage", "A stage name, e.g. AwaitingApproval."), ("drafter", "A drafter's e-mail."), ("from", "Created on or after (yyyy-MM-dd)."), ("to", "Created on or before (yyyy-MM-dd)."), ("q", "Words of the subject, all of which must match."), ("view", "attention: letters awaiting you, with failed deliveries, whose signature failed, or whose pending link expires within 24 h."), ("limit", "Letters per page."), ("continuation", "The token of the page before.")], Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest] } },
        new("GetLetter", "GET", "api/letters/{id}", "id", sp => sp.GetRequiredService<LetterApi>().GetAsync) { Access = RouteAccess.ReadLetter, Doc = new("A letter's state, approvals, timeline and links") { Returns = ApiSchemas.Letter } },
        new("GetLetterPdf", "GET", "api/letters/{id}/pdf", "id", sp => sp.GetRequiredService<LetterApi>().PdfAsync) { Access = RouteAccess.ReadLetter, Doc = new("The current PDF: the current version's draft, or the signed letter") { MediaType = "application/pdf", Problems = [ProblemKind.NotFound] } },
        new("GetLetterArchive", "GET", "api/letters/{id}/archive", "id", sp => sp.GetRequiredService<LetterApi>().ArchiveAsync) { Access = RouteAccess.ReadLetter, Doc = new("The letter's archived files with their SHA-256s") { Returns = ApiSchemas.ArchiveFiles } },
        new("ListDeliveries", "GET", "api/letters/{id}/deliveries", "id", sp => sp.GetRequiredService<DeliveryApi>().ListAsync) { Access = RouteAccess.ReadLetter, Doc = new("Every mission's delivery of the letter, with the distribution's progress") { Returns = ApiSchemas.Deliveries } },
        new("ResendFailed", "POST", "api/letters/{id}/deliveries/resend-failed", "id", sp => sp.GetRequiredService<DeliveryApi>().ResendFailedAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Sends the signed letter again to every mission whose delivery failed") { Body = ApiSchemas.ResendRequest, Status = 202, Returns = ApiSchemas.ResendAccepted, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.Conflict, ProblemKind.TooLarge] } },
        new("ResendToMission", "POST", "api/letters/{id}/deliveries/{mission}/resend", "id", sp => sp.GetRequiredService<DeliveryApi>().ResendOneAsync, "mission") { Access = RouteAccess.ChangeLetter, Doc = new("Sends the signed letter again to one mission (a copy that was accepted: admins only; at most Distribution:MaxResendsPerMission per mission)") { Body = ApiSchemas.ResendRequest, Status = 202, Returns = ApiSchemas.ResendAccepted, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.NotAllowed, ProblemKind.NotFound, ProblemKind.Conflict, ProblemKind.TooLarge] } },
        new("WithdrawLetter", "POST", "api/letters/{id}/withdraw", "id", sp => sp.GetRequiredService<LetterCommandApi>().WithdrawAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Withdraws the letter before it is signed; its links stop working") { Body = ApiSchemas.WithdrawRequest, Status = 202, Returns = ApiSchemas.LetterAccepted, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.Conflict] } },
        new("RemindLetter", "POST", "api/letters/{id}/remind", "id", sp => sp.GetRequiredService<LetterCommandApi>().RemindAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Sends the pending approver or signatory the request again") { Body = ApiSchemas.EmptyObject, Status = 202, Returns = ApiSchemas.LetterAccepted, Problems = [ProblemKind.Conflict] } },
        new("ReplaceLetterPerson", "POST", "api/letters/{id}/replace", "id", sp => sp.GetRequiredService<LetterCommandApi>().ReplaceAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Replaces the pending approver or the signatory with another person of the same role") { Body = ApiSchemas.ReplaceRequest, Status = 202, Returns = ApiSchemas.LetterAccepted, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.Conflict] } },
        new("RetryLetterSignature", "POST", "api/letters/{id}/retry-signature", "id", sp => sp.GetRequiredService<LetterCommandApi>().RetrySignatureAsync) { Access = RouteAccess.Admin, Doc = new("Applies the digital signature again to a letter whose signature failed (admins)") { Body = ApiSchemas.EmptyObject, Status = 202, Returns = ApiSchemas.LetterAccepted, Problems = [ProblemKind.BadRequest, ProblemKind.Conflict] } },
        new("CreateDraft", "POST", "api/drafts", null, sp => sp.GetRequiredService<DraftApi>().CreateAsync) { Access = RouteAccess.Compose, Doc = new("Saves a letter as a draft (version 1); approval does not start") { Body = ApiSchemas.LetterDraft, Status = 201, Returns = ApiSchemas.LetterSaved, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.TooLarge] } },
        new("UpdateLetter", "PUT", "api/letters/{id}", "id", sp => sp.GetRequiredService<DraftApi>().UpdateAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Saves an edit of a draft, or of a letter with changes requested, as a new version (If-Match: \"n\")") { Body = ApiSchemas.LetterDraft, Returns = ApiSchemas.LetterSaved, Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.Conflict, ProblemKind.TooLarge] } },
        new("SubmitLetter", "POST", "api/letters/{id}/submit", "id", sp => sp.GetRequiredService<DraftApi>().SubmitAsync) { Access = RouteAccess.ChangeLetter, Doc = new("Submits the newest version for approval (no body)") { Status = 202, Returns = ApiSchemas.LetterSaved, Problems = [ProblemKind.BadRequest, ProblemKind.Conflict] } },
        new("ListLetterVersions", "GET", "api/letters/{id}/versions", "id", sp => sp.GetRequiredService<LetterVersionsApi>().ListVersionsAsync) { Access = RouteAccess.ReadLetter, Doc = new("Every version of the letter, oldest first") { Returns = ApiSchemas.VersionList } },
        new("GetLetterVersion", "GET", "api/letters/{id}/versions/{version}", "id", sp => sp.GetRequiredService<LetterVersionsApi>().GetVersionAsync, "version") { Access = RouteAccess.ReadLetter, Doc = new("A version's letter JSON exactly as archived") { Returns = ApiSchemas.LetterDraft, Problems = [ProblemKind.BadRequest, ProblemKind.NotFound] } },
        new("GetLetterVersionPdf", "GET", "api/letters/{id}/versions/{version}/pdf", "id", sp => sp.GetRequiredService<LetterVersionsApi>().GetVersionPdfAsync, "version") { Access = RouteAccess.ReadLetter, Doc = new("A version's unsigned PDF") { MediaType = "application/pdf", Problems = [ProblemKind.BadRequest, ProblemKind.NotFound] } },
        new("PreviewLetter", "POST", "api/preview", null, sp => sp.GetRequiredService<LetterVersionsApi>().PreviewAsync) { Access = RouteAccess.Compose, Doc = new("The PDF of the letter in the body; nothing is stored") { Body = ApiSchemas.LetterDraft, MediaType = "application/pdf", Query = [("version", "The version printed in the draft mark.")], Problems = [ProblemKind.InvalidFields, ProblemKind.BadRequest, ProblemKind.TooLarge] } },
        new("UploadDocument", "POST", "api/documents", null, sp => sp.GetRequiredService<DocumentApi>().UploadAsync) { Access = RouteAccess.Compose, RequestContentType = "application/pdf", Doc = new("Uploads a PDF to enclose with letters (the raw PDF as the body)") { Status = 201, Returns = ApiSchemas.Document, Query = [("name", "The file's name, e.g. programme.pdf.")], Problems = [ProblemKind.InvalidFields, ProblemKind.TooLarge] } },
        new("ListDistributionLists", "GET", "api/distribution-lists", null, sp => sp.GetRequiredService<LetterApi>().DistributionListsAsync) { Doc = new("The distribution lists and their member counts") { Returns = ApiSchemas.DistributionLists } },
        new("ListPeople", "GET", "api/people", null, sp => sp.GetRequiredService<PeopleApi>().ListAsync) { Doc = new("The staff directory and the signed-in person") { Returns = ApiSchemas.People } },
        new("Health", "GET", "api/health", null, sp => sp.GetRequiredService<HealthEndpoint>().CheckAsync) { Access = RouteAccess.Public, Doc = new("200 Healthy when storage, the durable worker and mail are reachable, else 503 Unhealthy") { Returns = ApiSchemas.Health } },
        new("VerifyPage", "GET", "verify", null, sp => sp.GetRequiredService<VerifyPages>().PageAsync) { Access = RouteAccess.Public },
        new("VerifyLetter", "GET", "api/verify/{sha256}", "sha256", sp => sp.GetRequiredService<VerifyPages>().ApiAsync) { Access = RouteAccess.Public, Doc = new("Whether a file is the signed PDF of a letter the Office circulated, from its SHA-256 (anyone, within a budget per client address)") { Returns = ApiSchemas.Verification, Problems = [ProblemKind.BadRequest, ProblemKind.TooManyRequests] } },
        new("GetOpenApiDocument", "GET", ApiDocument.Template, null, _ => ApiDocument.ServeAsync)
        {
            // Public: it describes the routes and shapes (the same for every deployment, as in the README), no letter or person.
            Access = RouteAccess.Public,
            Doc = new("This OpenAPI 3.1 document of the API") { Returns = ApiSchemas.OpenApiDocument },
        },
        new("ApprovalPage", "GET", "approve", null, sp => sp.GetRequiredService<LinkPages>().ShowApprovalAsync),
        new("ApprovalAction", "POST", "approve", null, sp => sp.GetRequiredService<LinkPages>().ActOnApprovalAsync),
        new("ApprovalPdf", "GET", "approve/pdf", null, sp => sp.GetRequiredService<LinkPages>().ShowApprovalPdfAsync),
        new("SignaturePdf", "GET", "sign/pdf", null, sp => sp.GetRequiredService<LinkPages>().ShowSignaturePdfAsync),
        new("SignaturePage", "GET", "sign", null, sp => sp.GetRequiredService<LinkPages>().ShowSignatureAsync),
        new("SignatureAction", "POST", "sign", null, sp => sp.GetRequiredService<LinkPages>().ActOnSignatureAsync),
    ];
}
