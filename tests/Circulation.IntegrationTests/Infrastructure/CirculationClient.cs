using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>An HTTP response read to the end: status, content type, body and ETag.</summary>
public sealed record PageResponse(HttpStatusCode Status, string? ContentType, string Body, string? ETag = null, string? Location = null)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var doc = JsonDocument.Parse(this.Body);
            return doc.RootElement.Clone();
        }
    }
}

/// <summary>A file in a letter's archive, as GET api/letters/{id}/archive lists it.</summary>
public sealed record ArchiveEntry(string Name, long Size, string Sha256);

/// <summary>
/// Talks to one local host over HTTP, as the staff form, a mail client or a browser would, signed in as one person
/// (through the real sign-in flow, on the first request) or anonymous. Requests carry the host's own Origin, as the
/// host's pages do.
/// </summary>
public sealed partial class CirculationClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri baseUrl;
    private readonly Dictionary<string, CirculationClient> others = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim signingIn = new(1, 1);
    private bool signedIn;

    /// <summary>A client for the host at <paramref name="baseUrl"/>, signed in as <paramref name="person"/> (null: anonymous).</summary>
    public CirculationClient(Uri baseUrl, string? person = TestPeople.Drafter)
    {
        this.baseUrl = baseUrl;
        this.Person = person;
        this.signedIn = person is null;
        this.http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>Who this client is signed in as (null: nobody).</summary>
    public string? Person { get; }

    /// <summary>A client for the same host signed in as <paramref name="person"/> (one per person, kept with this one).</summary>
    public CirculationClient As(string person)
    {
        if (string.Equals(person, this.Person, StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        lock (this.others)
        {
            if (!this.others.TryGetValue(person, out var client))
            {
                client = new CirculationClient(this.baseUrl, person);
                this.others[person] = client;
            }

            return client;
        }
    }

    /// <summary>An anonymous client for the same host (nobody signed in).</summary>
    public CirculationClient Anonymous() => new(this.baseUrl, person: null);

    /// <summary>POST api/letters with <paramref name="letter"/> as JSON; asserts 201 and returns the letter id.</summary>
    public async Task<string> CreateLetterAsync(object letter)
    {
        var response = await this.PostJsonAsync(JsonSerializer.Serialize(letter));
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /api/letters answered {(int)response.Status}: {response.Body}");
        return response.Json.GetProperty("id").GetString()!;
    }

    /// <summary>POST api/letters with a raw body.</summary>
    public Task<PageResponse> PostJsonAsync(string body, string contentType = "application/json") =>
        this.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/letters") { Content = new StringContent(body, Encoding.UTF8, contentType) });

    /// <summary>POST api/drafts with <paramref name="letter"/> as JSON; asserts 201 and returns the letter id.</summary>
    public async Task<string> CreateDraftAsync(object letter)
    {
        var response = await this.SendJsonAsync(HttpMethod.Post, "api/drafts", JsonSerializer.Serialize(letter));
        Assert.Equal("\"1\"", response.ETag);
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /api/drafts answered {(int)response.Status}: {response.Body}");
        Assert.Equal(1, response.Json.GetProperty("version").GetInt32());
        return response.Json.GetProperty("id").GetString()!;
    }

    /// <summary>PUT api/letters/{id} with <paramref name="letter"/> as JSON, optionally If-Match: "<paramref name="basedOn"/>".</summary>
    public Task<PageResponse> UpdateLetterAsync(string id, object letter, int? basedOn = null) =>
        this.SendJsonAsync(HttpMethod.Put, $"api/letters/{id}", JsonSerializer.Serialize(letter), basedOn is null ? null : $"\"{basedOn}\"");

    /// <summary>POST api/letters/{id}/submit, optionally If-Match: "<paramref name="basedOn"/>".</summary>
    public Task<PageResponse> SubmitLetterAsync(string id, int? basedOn = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/letters/{id}/submit");
        if (basedOn is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{basedOn}\"");
        }

        return this.SendAsync(request);
    }

    /// <summary>Sends <paramref name="json"/> with <paramref name="method"/> to <paramref name="path"/>, with an If-Match header when given.</summary>
    public Task<PageResponse> SendJsonAsync(HttpMethod method, string path, string json, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return this.SendAsync(request);
    }

    /// <summary>GET api/letters/{id}/versions; asserts 200 and returns (version, subject, submitted, pdfSha256) oldest first.</summary>
    public async Task<IReadOnlyList<(int Version, string Subject, bool Submitted, string? PdfSha256)>> ListVersionsAsync(string id)
    {
        var response = await this.GetAsync($"api/letters/{id}/versions");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/letters/{id}/versions answered {(int)response.Status}: {response.Body}");
        return [.. response.Json.GetProperty("versions").EnumerateArray().Select(v => (
            v.GetProperty("version").GetInt32(),
            v.GetProperty("subject").GetString()!,
            v.GetProperty("submitted").GetBoolean(),
            v.TryGetProperty("pdfSha256", out var sha) ? sha.GetString() : null))];
    }

    /// <summary>GET any path as bytes: status, content type and body.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes)> GetBytesAsync(string path)
    {
        await this.EnsureSignedInAsync();
        using var response = await this.http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>POST api/preview with a raw body: status, content type and the bytes.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes)> PreviewAsync(string json, string contentType = "application/json")
    {
        await this.EnsureSignedInAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/preview") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        request.Headers.TryAddWithoutValidation("Origin", this.Origin);
        using var response = await this.http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Waits until the letter is at <paramref name="stage"/> with <paramref name="version"/>; returns the letter.</summary>
    public Task<JsonElement> WaitForVersionAsync(string id, string stage, int version, TimeSpan? timeout = null) =>
        this.WaitForLetterAsync(
            id,
            $"letter {id} at stage {stage}, version {version}",
            timeout ?? TimeSpan.FromSeconds(60),
            json => json.GetProperty("stage").GetString() == stage && json.GetProperty("version").GetInt32() == version,
            json => $"stage {json.GetProperty("stage").GetString()}, version {json.GetProperty("version").GetInt32()}");

    /// <summary>POST api/documents?name=<paramref name="name"/> with <paramref name="content"/> as the raw body.</summary>
    public Task<PageResponse> UploadDocumentAsync(byte[] content, string name, string contentType = "application/pdf")
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return this.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/documents?name={Uri.EscapeDataString(name)}") { Content = body });
    }

    /// <summary>POST api/documents with a PDF; asserts 201 and returns the document id.</summary>
    public async Task<string> UploadPdfAsync(byte[] pdf, string name)
    {
        var response = await this.UploadDocumentAsync(pdf, name);
        Assert.True(response.Status == HttpStatusCode.Created, $"POST /api/documents answered {(int)response.Status}: {response.Body}");
        return response.Json.GetProperty("id").GetString()!;
    }

    /// <summary>GET a path or absolute URL.</summary>
    public Task<PageResponse> GetAsync(string pathOrUrl) => this.SendAsync(new HttpRequestMessage(HttpMethod.Get, pathOrUrl));

    /// <summary>
    /// Opens a link from a mail (absolute URL) as the person it was sent to: when the page says "This link was sent to
    /// X; sign in as X", this client does what that person would, and opens it as X. (To see what someone else gets,
    /// GET the link's path with the string overload.)
    /// </summary>
    public async Task<PageResponse> GetAsync(Uri link)
    {
        var page = await this.SendAsync(new HttpRequestMessage(HttpMethod.Get, link));
        return page.Status == HttpStatusCode.Forbidden && SentTo().Match(page.Body) is { Success: true } sentTo
            ? await this.As(WebUtility.HtmlDecode(sentTo.Groups["who"].Value)).GetAsync(link)
            : page;
    }

    /// <summary>POSTs a form (application/x-www-form-urlencoded) to <paramref name="path"/>, as the link page's form does.</summary>
    public Task<PageResponse> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        this.SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        });

    /// <summary>GET api/letters/{id}; asserts 200.</summary>
    public async Task<JsonElement> GetLetterAsync(string id)
    {
        var response = await this.GetAsync($"api/letters/{id}");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/letters/{id} answered {(int)response.Status}: {response.Body}");
        return response.Json;
    }

    /// <summary>GET api/letters/{id}/deliveries: every mission on the letter's list with its delivery state.</summary>
    public async Task<JsonElement> GetDeliveriesAsync(string id)
    {
        var response = await this.GetAsync($"api/letters/{id}/deliveries");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/letters/{id}/deliveries answered {(int)response.Status}: {response.Body}");
        return response.Json;
    }

    /// <summary>The missions GET api/letters/{id}/deliveries shows in <paramref name="state"/> ("Sent", "Failed", "Pending").</summary>
    public async Task<IReadOnlySet<string>> MissionsInStateAsync(string id, string state) =>
        (await this.GetDeliveriesAsync(id)).GetProperty("deliveries").EnumerateArray()
            .Where(d => d.GetProperty("state").GetString() == state)
            .Select(d => d.GetProperty("mission").GetString()!)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The ids GET api/letters lists, every page of 200 followed through its continuation.</summary>
    public async Task<IReadOnlySet<string>> ListLetterIdsAsync()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await this.ListLettersAsync($"limit=200{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}");
            ids.UnionWith(page.GetProperty("letters").EnumerateArray().Select(l => l.GetProperty("id").GetString()!));
            continuation = page.TryGetProperty("continuation", out var next) ? next.GetString() : null;
        }
        while (continuation is not null);
        return ids;
    }

    /// <summary>GET api/letters?<paramref name="query"/>, which must answer 200; returns its JSON.</summary>
    public async Task<JsonElement> ListLettersAsync(string query)
    {
        var response = await this.GetAsync($"api/letters?{query}");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/letters?{query} answered {(int)response.Status}: {response.Body}");
        return response.Json;
    }

    /// <summary>
    /// Waits until the letter is at <paramref name="stage"/> (and, with <paramref name="completed"/>, its workflow
    /// has finished, so the manifest is written); returns the letter.
    /// </summary>
    public async Task<JsonElement> WaitForStageAsync(string id, string stage, TimeSpan timeout, bool completed = false)
    {
        string seen = "";
        var letter = await Poll.UntilAsync(
            $"letter {id} to reach stage {stage}{(completed ? " with its workflow Completed" : "")}",
            timeout,
            async () =>
            {
                var response = await this.GetAsync($"api/letters/{id}");
                seen = $"{(int)response.Status} {Shorten(response.Body)}";
                if (response.Status != HttpStatusCode.OK)
                {
                    return null;
                }

                var json = response.Json;
                string? current = json.GetProperty("stage").GetString();
                string? workflow = json.GetProperty("workflow").GetString();
                seen = $"stage {current}, workflow {workflow}, deliveries {json.GetProperty("deliveries")}, failure {Text(json, "failure")}";
                Assert.False(workflow is "Failed" or "Terminated", $"Letter {id}'s workflow is {workflow}: {Text(json, "failure")}");
                return current == stage && (!completed || workflow == "Completed") ? (object)json : null;
            },
            () => seen);
        return (JsonElement)letter;
    }

    /// <summary>
    /// Waits until the letter waits for the <paramref name="kind"/> ("Approval", "Signature") of step
    /// <paramref name="step"/>: the read model records a request once its mail has left, so a test that has just seen
    /// the mail waits for the record too. Returns the letter.
    /// </summary>
    public Task<JsonElement> WaitForPendingAsync(string id, string kind, int step, TimeSpan timeout) =>
        this.WaitForLetterAsync(
            id,
            $"letter {id} to wait for the {kind} of step {step}",
            timeout,
            json => json.TryGetProperty("waitingFor", out var pending)
                && pending.ValueKind == JsonValueKind.Object
                && pending.GetProperty("kind").GetString() == kind
                && pending.GetProperty("step").GetInt32() == step,
            json => $"stage {json.GetProperty("stage").GetString()}, waitingFor {(json.TryGetProperty("waitingFor", out var w) ? w.ToString() : "none")}");

    /// <summary>GETs the letter (asserting 200) until <paramref name="done"/> holds; returns it. <paramref name="describe"/> says what was last seen.</summary>
    private async Task<JsonElement> WaitForLetterAsync(string id, string what, TimeSpan timeout, Func<JsonElement, bool> done, Func<JsonElement, string> describe)
    {
        string seen = "";
        var letter = await Poll.UntilAsync(
            what,
            timeout,
            async () =>
            {
                var json = await this.GetLetterAsync(id);
                seen = describe(json);
                return done(json) ? (object)json : null;
            },
            () => seen);
        return (JsonElement)letter;
    }

    /// <summary>GET api/letters/{id}/archive; asserts 200.</summary>
    public async Task<IReadOnlyList<ArchiveEntry>> GetArchiveAsync(string id)
    {
        var response = await this.GetAsync($"api/letters/{id}/archive");
        Assert.True(response.Status == HttpStatusCode.OK, $"GET /api/letters/{id}/archive answered {(int)response.Status}: {response.Body}");
        return [.. response.Json.GetProperty("files").EnumerateArray().Select(f => new ArchiveEntry(
            f.GetProperty("name").GetString()!, f.GetProperty("size").GetInt64(), f.GetProperty("sha256").GetString()!))];
    }

    /// <summary>GET api/letters/{id}/pdf: the bytes and content type.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes)> GetPdfAsync(string id)
    {
        await this.EnsureSignedInAsync();
        using var response = await this.http.GetAsync(new Uri($"api/letters/{id}/pdf", UriKind.Relative));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>GET api/health.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        using var response = await this.http.GetAsync(new Uri("api/health", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>
    /// Opens a link from a mail (GET, must show the form), then submits the page's form with its hidden token
    /// and <paramref name="fields"/>, as a browser would. Returns the answer to the POST.
    /// </summary>
    /// <remarks>Opened by someone other than its addressee, the page says "This link was sent to X; sign in as X": this
    /// client then does what that person would, and acts as X.</remarks>
    public async Task<PageResponse> SubmitLinkFormAsync(Uri link, params (string Name, string Value)[] fields)
    {
        var page = await this.SendAsync(new HttpRequestMessage(HttpMethod.Get, link));
        if (page.Status == HttpStatusCode.Forbidden && SentTo().Match(page.Body) is { Success: true } sentTo)
        {
            return await this.As(WebUtility.HtmlDecode(sentTo.Groups["who"].Value)).SubmitLinkFormAsync(link, fields);
        }

        Assert.True(page.Status == HttpStatusCode.OK, $"GET {link} answered {(int)page.Status}: {page.Body}");
        var form = FormPattern().Match(page.Body);
        Assert.True(form.Success, $"The page at {link} has no form:\n{page.Body}");
        return await this.PostFormAsync(form.Groups["action"].Value.TrimStart('/'), [("token", WebUtility.HtmlDecode(form.Groups["token"].Value)), .. fields]);
    }

    /// <summary>Approves with the link from the approval mail; asserts the confirmation page.</summary>
    public async Task ApproveAsync(Uri link)
    {
        var answer = await this.SubmitLinkFormAsync(link, ("decision", "Approve"), ("comment", ""));
        Assert.True(answer.Status == HttpStatusCode.OK, $"Approving answered {(int)answer.Status}: {answer.Body}");
        Assert.Contains("Your approval has been recorded", answer.Body, StringComparison.Ordinal);
    }

    /// <summary>Signs with the link from the signature mail; asserts the confirmation page.</summary>
    public async Task SignAsync(Uri link)
    {
        var answer = await this.SubmitLinkFormAsync(link, ("confirm", "yes"), ("comment", ""));
        Assert.True(answer.Status == HttpStatusCode.OK, $"Signing answered {(int)answer.Status}: {answer.Body}");
        Assert.Contains("Your signature has been recorded", answer.Body, StringComparison.Ordinal);
    }

    /// <summary>The token carried by a link.</summary>
    public static string TokenOf(Uri link) =>
        Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal))["token=".Length..]);

    /// <summary>
    /// POSTs <paramref name="body"/> to <paramref name="path"/> as <paramref name="contentType"/>; without
    /// <paramref name="sendLength"/> it goes chunked, so the server has to stop reading at its limit itself.
    /// </summary>
    public Task<PageResponse> PostBytesAsync(string path, byte[] body, string contentType, bool sendLength = true)
    {
        HttpContent content = sendLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));
        content.Headers.ContentType = new(contentType);
        return this.SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content });
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.http.Dispose();
        this.signingIn.Dispose();
        foreach (var other in this.others.Values)
        {
            other.Dispose();
        }
    }

    /// <summary>Signs in through the provider's page unless already signed in (or anonymous).</summary>
    public async Task EnsureSignedInAsync()
    {
        if (this.signedIn)
        {
            return;
        }

        await this.signingIn.WaitAsync();
        try
        {
            if (!this.signedIn)
            {
                await IdentityProviderSignIn.SignInAsync(this.http, this.baseUrl, this.Person!, TestEnvironment.IdentityProviderPassword);
                this.signedIn = true;
            }
        }
        finally
        {
            this.signingIn.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> as this client (signed in first); with <paramref name="keepDefaultOrigin"/> it
    /// carries the host's own Origin unless it names one itself, as the host's pages would.
    /// </summary>
    public async Task<PageResponse> SendRawAsync(HttpRequestMessage request, bool keepDefaultOrigin = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            await this.EnsureSignedInAsync();
            if (keepDefaultOrigin && !request.Headers.Contains("Origin"))
            {
                request.Headers.TryAddWithoutValidation("Origin", this.Origin);
            }

            using var response = await this.http.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            return new PageResponse(
                response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.ETag?.ToString(), response.Headers.Location?.OriginalString);
        }
    }

    /// <summary>GET <paramref name="path"/> and return the response's headers (content headers included).</summary>
    public async Task<HttpResponseHeadersSnapshot> HeadersAsync(string path)
    {
        await this.EnsureSignedInAsync();
        using var response = await this.http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        return new HttpResponseHeadersSnapshot(response.StatusCode, response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    private string Origin => this.baseUrl.GetLeftPart(UriPartial.Authority);

    private Task<PageResponse> SendAsync(HttpRequestMessage request) => this.SendRawAsync(request);

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex("""This link was sent to (?<who>[^;<\s]+); sign in as""", RegexOptions.CultureInvariant)]
    private static partial Regex SentTo();

    [GeneratedRegex("""<form method="post" action="(?<action>/(?:approve|sign))">\s*<input type="hidden" name="token" value="(?<token>[^"]+)">""", RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    /// <summary>A readable stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
