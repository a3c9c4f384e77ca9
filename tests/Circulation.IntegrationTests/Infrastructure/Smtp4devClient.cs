using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using MimeKit;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>One message as smtp4dev lists it.</summary>
public sealed record MailSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("attachmentCount")] int AttachmentCount,
    [property: JsonPropertyName("receivedDate")] DateTimeOffset ReceivedDate);

/// <summary>
/// The test smtp4dev's REST API. Every test works only with messages whose subject carries its own
/// unique tag (several tests and hosts share this inbox), and never deletes messages.
/// </summary>
public sealed partial class Smtp4devClient : IDisposable
{
    /// <summary>The pause after each search before the next may start (see <see cref="ListAsync"/>).</summary>
    private static readonly TimeSpan SearchPause = TimeSpan.FromMilliseconds(100);

    private static readonly SemaphoreSlim SearchGate = new(1, 1);

    private readonly HttpClient http;

    /// <summary>A client for the smtp4dev at <see cref="TestEnvironment.Smtp4devUrl"/>.</summary>
    public Smtp4devClient()
    {
        this.http = new HttpClient { BaseAddress = TestEnvironment.Smtp4devUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>
    /// Every message whose subject contains <paramref name="tag"/>. One search at a time across the test run, each
    /// followed by a pause: smtp4dev answers a search under the same database lock it stores arriving messages under, and
    /// a search costs more the more it holds, so tests polling freely would starve its SMTP side (measured: 24 senders of
    /// 110 KB messages fell from 10 to 2.5 messages a second at 2,500 stored, with four pollers at 4 searches a second).
    /// </summary>
    public async Task<IReadOnlyList<MailSummary>> ListAsync(string tag)
    {
        await SearchGate.WaitAsync();
        try
        {
            var page = await this.http.GetFromJsonAsync<MessagePage>($"api/messages?pageSize=10000&searchTerms={Uri.EscapeDataString(tag)}")
                ?? throw new InvalidOperationException("smtp4dev returned no message list.");
            return [.. page.Results.Where(m => m.Subject.Contains(tag, StringComparison.Ordinal))];
        }
        finally
        {
            _ = Task.Delay(SearchPause).ContinueWith(_ => SearchGate.Release(), TaskScheduler.Default);
        }
    }

    /// <summary>The plain-text body of a message.</summary>
    public Task<string> PlainTextAsync(string id) => this.http.GetStringAsync($"api/messages/{id}/plaintext");

    /// <summary>The message as received, parsed.</summary>
    public async Task<MimeMessage> RawAsync(string id)
    {
        await using var stream = await this.http.GetStreamAsync($"api/messages/{id}/raw");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        buffer.Position = 0;
        return await MimeMessage.LoadAsync(buffer);
    }

    /// <summary>
    /// How long a wait for a mail lasts unless told otherwise: a bound, not an expectation. smtp4dev's SMTP side stalls for
    /// tens of seconds at times while the suite's full-list distributions fill it.
    /// </summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(3);

    /// <summary>Waits for the one message with exactly <paramref name="subject"/> to <paramref name="to"/>.</summary>
    public async Task<MailSummary> WaitForAsync(string subject, string to, TimeSpan? timeout = null)
    {
        IReadOnlyList<MailSummary> seen = [];
        var found = await Poll.UntilAsync(
            $"a mail '{subject}' to {to}",
            timeout ?? DefaultWait,
            async () =>
            {
                seen = await this.ListAsync(subject);
                return seen.FirstOrDefault(m => m.Subject == subject && m.To.Contains(to, StringComparer.OrdinalIgnoreCase));
            },
            () => $"{seen.Count} message(s) with that subject: " + string.Join("; ", seen.Select(m => $"'{m.Subject}' to {string.Join(",", m.To)}")));
        return found;
    }

    /// <summary>
    /// Waits until <paramref name="to"/> has received <paramref name="count"/> mails with exactly <paramref name="subject"/>;
    /// returns the newest one's plain text and the link it carries.
    /// </summary>
    public async Task<(string Text, Uri Link)> WaitForNthLinkAsync(string subject, string to, int count, TimeSpan? timeout = null)
    {
        IReadOnlyList<MailSummary> seen = [];
        var newest = await Poll.UntilAsync(
            $"{count} mails '{subject}' to {to}",
            timeout ?? DefaultWait,
            async () =>
            {
                seen = [.. (await this.ListAsync(subject)).Where(m => m.Subject == subject && m.To.Contains(to, StringComparer.OrdinalIgnoreCase))];
                return seen.Count >= count ? seen.OrderBy(m => m.ReceivedDate).ElementAt(count - 1) : null;
            },
            () => $"{seen.Count} such mail(s)");
        string text = await this.PlainTextAsync(newest.Id);
        var match = LinkPattern().Match(text);
        return match.Success ? (text, new Uri(match.Value)) : throw new InvalidOperationException($"No approve/sign link in the mail '{subject}' to {to}:\n{text}");
    }

    /// <summary>Waits for the mail '<paramref name="subject"/>' to <paramref name="to"/> and returns the link it carries.</summary>
    public async Task<Uri> WaitForLinkAsync(string subject, string to, TimeSpan? timeout = null)
    {
        var mail = await this.WaitForAsync(subject, to, timeout);
        string text = await this.PlainTextAsync(mail.Id);
        var match = LinkPattern().Match(text);
        return match.Success ? new Uri(match.Value) : throw new InvalidOperationException($"No approve/sign link in the mail '{subject}' to {to}:\n{text}");
    }

    /// <inheritdoc/>
    public void Dispose() => this.http.Dispose();

    [GeneratedRegex(@"https?://[^\s/]+/(?:approve|sign)\?token=[A-Za-z0-9_\-.]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    private sealed record MessagePage([property: JsonPropertyName("results")] IReadOnlyList<MailSummary> Results);
}
