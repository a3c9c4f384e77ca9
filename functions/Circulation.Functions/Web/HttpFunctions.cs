using Circulation.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Circulation.Functions.Web;

/// <summary>
/// Thin HTTP triggers over the shared handlers in <see cref="CirculationRoutes"/>. Each function's name,
/// method and route match its catalog entry (a test checks this); the root page uses the
/// "{ignored:maxlength(0)?}" template because a Functions route cannot be empty.
/// </summary>
public static class HttpFunctions
{
    /// <summary>GET /: the letters page.</summary>
    [Function("StaffHome")]
    public static Task<IActionResult> StaffHome(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("StaffHome", request, client, context, null);

    /// <summary>GET letters: the letters page.</summary>
    [Function("LettersPage")]
    public static Task<IActionResult> LettersPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("LettersPage", request, client, context, null);

    /// <summary>GET letters/new: the compose form (a literal segment, so it wins over letters/{id}).</summary>
    [Function("NewLetterPage")]
    public static Task<IActionResult> NewLetterPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/new")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("NewLetterPage", request, client, context, null);

    /// <summary>GET letters/{id}: the letter page.</summary>
    [Function("LetterPage")]
    public static Task<IActionResult> LetterPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("LetterPage", request, client, context, id);

    /// <summary>GET letters/{id}/edit: the compose form on the letter's current version.</summary>
    [Function("EditLetterPage")]
    public static Task<IActionResult> EditLetterPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "letters/{id}/edit")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("EditLetterPage", request, client, context, id);

    /// <summary>GET assets/{file}: the form's stylesheet and script.</summary>
    [Function("StaffAsset")]
    public static Task<IActionResult> StaffAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{file}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string file) => Invoke("StaffAsset", request, client, context, file);

    /// <summary>GET favicon.ico.</summary>
    [Function("Favicon")]
    public static Task<IActionResult> Favicon(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "favicon.ico")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("Favicon", request, client, context, null);

    /// <summary>POST api/letters.</summary>
    [Function("CreateLetter")]
    public static Task<IActionResult> CreateLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("CreateLetter", request, client, context, null);

    /// <summary>GET api/letters.</summary>
    [Function("ListLetters")]
    public static Task<IActionResult> ListLetters(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ListLetters", request, client, context, null);

    /// <summary>GET api/letters/{id}.</summary>
    [Function("GetLetter")]
    public static Task<IActionResult> GetLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("GetLetter", request, client, context, id);

    /// <summary>GET api/letters/{id}/pdf.</summary>
    [Function("GetLetterPdf")]
    public static Task<IActionResult> GetLetterPdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/pdf")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("GetLetterPdf", request, client, context, id);

    /// <summary>GET api/letters/{id}/archive.</summary>
    [Function("GetLetterArchive")]
    public static Task<IActionResult> GetLetterArchive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/archive")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("GetLetterArchive", request, client, context, id);

    /// <summary>GET api/letters/{id}/deliveries.</summary>
    [Function("ListDeliveries")]
    public static Task<IActionResult> ListDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/deliveries")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("ListDeliveries", request, client, context, id);

    /// <summary>POST api/letters/{id}/deliveries/resend-failed.</summary>
    [Function("ResendFailed")]
    public static Task<IActionResult> ResendFailed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/deliveries/resend-failed")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("ResendFailed", request, client, context, id);

    /// <summary>POST api/letters/{id}/deliveries/{mission}/resend.</summary>
    [Function("ResendToMission")]
    public static Task<IActionResult> ResendToMission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/deliveries/{mission}/resend")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id,
        string mission) => Invoke("ResendToMission", request, client, context, CirculationRoute.Join(id, mission));

    /// <summary>POST api/letters/{id}/withdraw.</summary>
    [Function("WithdrawLetter")]
    public static Task<IActionResult> WithdrawLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/withdraw")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("WithdrawLetter", request, client, context, id);

    /// <summary>POST api/letters/{id}/remind.</summary>
    [Function("RemindLetter")]
    public static Task<IActionResult> RemindLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/remind")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("RemindLetter", request, client, context, id);

    /// <summary>POST api/letters/{id}/replace.</summary>
    [Function("ReplaceLetterPerson")]
    public static Task<IActionResult> ReplaceLetterPerson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/replace")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("ReplaceLetterPerson", request, client, context, id);

    /// <summary>POST api/letters/{id}/retry-signature.</summary>
    [Function("RetryLetterSignature")]
    public static Task<IActionResult> RetryLetterSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/retry-signature")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("RetryLetterSignature", request, client, context, id);

    /// <summary>POST api/drafts.</summary>
    [Function("CreateDraft")]
    public static Task<IActionResult> CreateDraft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/drafts")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("CreateDraft", request, client, context, null);

    /// <summary>PUT api/letters/{id}.</summary>
    [Function("UpdateLetter")]
    public static Task<IActionResult> UpdateLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/letters/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("UpdateLetter", request, client, context, id);

    /// <summary>POST api/letters/{id}/submit.</summary>
    [Function("SubmitLetter")]
    public static Task<IActionResult> SubmitLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/letters/{id}/submit")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("SubmitLetter", request, client, context, id);

    /// <summary>GET api/letters/{id}/versions.</summary>
    [Function("ListLetterVersions")]
    public static Task<IActionResult> ListLetterVersions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/versions")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id) => Invoke("ListLetterVersions", request, client, context, id);

    /// <summary>GET api/letters/{id}/versions/{version}.</summary>
    [Function("GetLetterVersion")]
    public static Task<IActionResult> GetLetterVersion(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/versions/{version}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id,
        string version) => Invoke("GetLetterVersion", request, client, context, CirculationRoute.Join(id, version));

    /// <summary>GET api/letters/{id}/versions/{version}/pdf.</summary>
    [Function("GetLetterVersionPdf")]
    public static Task<IActionResult> GetLetterVersionPdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/letters/{id}/versions/{version}/pdf")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string id,
        string version) => Invoke("GetLetterVersionPdf", request, client, context, CirculationRoute.Join(id, version));

    /// <summary>POST api/preview.</summary>
    [Function("PreviewLetter")]
    public static Task<IActionResult> PreviewLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/preview")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("PreviewLetter", request, client, context, null);

    /// <summary>POST api/documents: uploads a PDF to enclose with letters.</summary>
    [Function("UploadDocument")]
    public static Task<IActionResult> UploadDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/documents")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("UploadDocument", request, client, context, null);

    /// <summary>GET api/distribution-lists.</summary>
    [Function("ListDistributionLists")]
    public static Task<IActionResult> ListDistributionLists(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/distribution-lists")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ListDistributionLists", request, client, context, null);

    /// <summary>GET api/people: the staff directory and who is signed in.</summary>
    [Function("ListPeople")]
    public static Task<IActionResult> ListPeople(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/people")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ListPeople", request, client, context, null);

    /// <summary>GET api/health.</summary>
    [Function("Health")]
    public static Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("Health", request, client, context, null);

    /// <summary>GET verify: the public verification page.</summary>
    [Function("VerifyPage")]
    public static Task<IActionResult> VerifyPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "verify")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("VerifyPage", request, client, context, null);

    /// <summary>GET api/verify/{sha256}: the public verification as JSON.</summary>
    [Function("VerifyLetter")]
    public static Task<IActionResult> VerifyLetter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/verify/{sha256}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        string sha256) => Invoke("VerifyLetter", request, client, context, sha256);

    /// <summary>GET api/openapi.json: the API's OpenAPI document.</summary>
    [Function("GetOpenApiDocument")]
    public static Task<IActionResult> GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("GetOpenApiDocument", request, client, context, null);

    /// <summary>GET approve: the approval page.</summary>
    [Function("ApprovalPage")]
    public static Task<IActionResult> ApprovalPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approve")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ApprovalPage", request, client, context, null);

    /// <summary>POST approve: the approval decision.</summary>
    [Function("ApprovalAction")]
    public static Task<IActionResult> ApprovalAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approve")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ApprovalAction", request, client, context, null);

    /// <summary>GET approve/pdf: the PDF the approver decides on, for the approval page.</summary>
    [Function("ApprovalPdf")]
    public static Task<IActionResult> ApprovalPdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approve/pdf")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("ApprovalPdf", request, client, context, null);

    /// <summary>GET sign/pdf: the PDF the signatory signs, for the signing page.</summary>
    [Function("SignaturePdf")]
    public static Task<IActionResult> SignaturePdf(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign/pdf")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("SignaturePdf", request, client, context, null);

    /// <summary>GET sign: the signature page.</summary>
    [Function("SignaturePage")]
    public static Task<IActionResult> SignaturePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sign")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("SignaturePage", request, client, context, null);

    /// <summary>POST sign: the signature.</summary>
    [Function("SignatureAction")]
    public static Task<IActionResult> SignatureAction(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sign")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context) => Invoke("SignatureAction", request, client, context, null);

    private static async Task<IActionResult> Invoke(string name, HttpRequest request, DurableTaskClient client, FunctionContext context, string? routeValue)
    {
        var route = CirculationRoutes.All.Single(r => r.Name == name);
        var result = await route.InvokeAsync(request.HttpContext, context.InstanceServices, client, routeValue);
        return new ResultActionAdapter(result);
    }
}
