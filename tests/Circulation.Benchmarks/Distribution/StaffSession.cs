using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Circulation.IntegrationTests.Infrastructure;

namespace Circulation.Benchmarks.Distribution;

/// <summary>
/// One person of the staff directory signed in to the local host through the local sign-in provider, as a browser
/// would (the integration tests' <see cref="IdentityProviderSignIn"/>); requests carry the host's own Origin.
/// </summary>
internal sealed class StaffSession : IDisposable
{
    private readonly HttpClient http;
    private readonly string origin;

    private StaffSession(Uri app)
    {
        this.http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app,
            Timeout = TimeSpan.FromSeconds(60),
        };
        this.origin = app.GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Signs <paramref name="email"/> in to the host at <paramref name="app"/>.</summary>
    public static async Task<StaffSession> SignInAsync(Uri app, string email, string password)
    {
        var session = new StaffSession(app);
        try
        {
            await IdentityProviderSignIn.SignInAsync(session.http, app, email, password);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>GET <paramref name="path"/> as JSON; throws unless 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await this.http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadJsonAsync(response, "GET", path);
    }

    /// <summary>POST <paramref name="body"/> as JSON to <paramref name="path"/>; throws unless 2xx.</summary>
    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Origin", this.origin);
        using var response = await this.http.SendAsync(request);
        return await ReadJsonAsync(response, "POST", path);
    }

    /// <summary>POST a form to <paramref name="path"/> (a link page's button); throws unless 200.</summary>
    public async Task PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.TryAddWithoutValidation("Origin", this.origin);
        using var response = await this.http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.http.Dispose();

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string method, string path)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
