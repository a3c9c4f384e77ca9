using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Circulation.Tests.TestSupport;

/// <summary>Reads what a real smtp4dev received, through its REST API.</summary>
public sealed class Smtp4devClient : IDisposable
{
    private readonly HttpClient http;

    public Smtp4devClient(Uri baseUrl) => this.http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every stored message (smtp4dev keeps up to its --messagestokeep).</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ListAsync()
    {
        var page = await this.http.GetFromJsonAsync<MessagePage>("api/messages?pageSize=5000")
            ?? throw new InvalidOperationException("smtp4dev returned no message list.");
        return page.Results;
    }

    /// <summary>Messages whose subject is exactly <paramref name="subject"/>.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WithSubjectAsync(string subject) =>
        [.. (await this.ListAsync()).Where(m => string.Equals(m.Subject, subject, StringComparison.Ordinal))];

    /// <summary>
    /// Waits (bounded) until at least <paramref name="count"/> messages with <paramref name="subject"/> are listed,
    /// since smtp4dev may list a message a moment after accepting it; returns what is listed then.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForSubjectAsync(string subject, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = await this.WithSubjectAsync(subject);
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The decoded plain-text body of a message.</summary>
    public Task<string> PlainTextAsync(string id) => this.http.GetStringAsync($"api/messages/{Uri.EscapeDataString(id)}/plaintext");

    public void Dispose() => this.http.Dispose();

    public sealed record ReceivedMessage(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("from")] string From,
        [property: JsonPropertyName("to")] IReadOnlyList<string> To);

    private sealed record MessagePage([property: JsonPropertyName("results")] IReadOnlyList<ReceivedMessage> Results);
}
