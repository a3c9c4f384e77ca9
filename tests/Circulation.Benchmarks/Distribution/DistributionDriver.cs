using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Circulation.Benchmarks.Distribution;

/// <summary>
/// Drives letters through approval and signature over HTTP, signed in as the drafter, the approver and the signatory,
/// and watches the mail server (smtp4dev, or the Exchange emulator's counts) until every mission has each letter.
/// </summary>
internal sealed partial class DistributionDriver : IDisposable
{
    private readonly DriverOptions options;
    private readonly HttpClient mail;
    private readonly StaffSession drafter;
    private readonly StaffSession approver;
    private readonly StaffSession signatory;
    private readonly int? hostPid;

    private DistributionDriver(DriverOptions options, HttpClient mail, StaffSession drafter, StaffSession approver, StaffSession signatory)
    {
        this.options = options;
        this.mail = mail;
        this.drafter = drafter;
        this.approver = approver;
        this.signatory = signatory;
        this.hostPid = HostMemory.FindHost(options);
    }

    /// <summary>Checks the host is up and signs the three people in.</summary>
    public static async Task<DistributionDriver> StartAsync(DriverOptions options)
    {
        var mail = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var sessions = new List<StaffSession>();
        try
        {
            using var health = await mail.GetAsync(new Uri(options.App, "api/health"));
            if (!health.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The app at {options.App} is not healthy ({(int)health.StatusCode}); start it with ./run.sh first.");
            }

            foreach (string person in new[] { DriverOptions.Drafter, DriverOptions.Approver, DriverOptions.Signatory })
            {
                sessions.Add(await StaffSession.SignInAsync(options.App, person, options.Password));
            }

            return new DistributionDriver(options, mail, sessions[0], sessions[1], sessions[2]);
        }
        catch
        {
            sessions.ForEach(s => s.Dispose());
            mail.Dispose();
            throw;
        }
    }

    /// <summary>
    /// One run: creates and approves <see cref="DriverOptions.Letters"/> letters, then signs them one after the other as
    /// fast as the host answers, and waits until each is distributed to every mission on the list.
    /// </summary>
    public async Task<RunResult> RunOnceAsync(int run)
    {
        string tag = string.Create(CultureInfo.InvariantCulture, $"Benchmark-{DateTime.UtcNow:yyyyMMddHHmmss}-run{run}");
        var subjects = Enumerable.Range(1, this.options.Letters)
            .Select(n => this.options.Letters == 1 ? tag : string.Create(CultureInfo.InvariantCulture, $"{tag} letter {n}"))
            .ToList();
        var lists = await this.drafter.GetJsonAsync("api/distribution-lists");
        int missions = lists.GetProperty("lists").EnumerateArray().First(l => l.GetProperty("id").GetString() == this.options.List).GetProperty("memberCount").GetInt32();

        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string subject in subjects)
        {
            var created = await this.drafter.PostJsonAsync("api/letters", new
            {
                subject,
                body = "I have the honour to inform you of the programme of the high-level meeting.\n\nThe meeting will take place in Conference Room 4.",
                signatory = DriverOptions.Signatory,
                approvers = new[] { DriverOptions.Approver },
                distributionList = this.options.List,
            });
            ids[subject] = created.GetProperty("id").GetString()!;
        }

        foreach (var (subject, token) in await this.WaitForLinksAsync(tag, "For approval: ", subjects, "approve"))
        {
            await this.approver.PostFormAsync("approve", new() { ["token"] = token, ["decision"] = "Approve", ["comment"] = "" });
        }

        var signTokens = await this.WaitForLinksAsync(tag, "For signature: ", subjects, "sign");
        if (this.options.Emulator is not null)
        {
            using var reset = await this.mail.PostAsync(new Uri(this.options.Emulator, "/emulator/reset"), null);
            reset.EnsureSuccessStatusCode();
        }

        var memory = this.hostPid is { } pid ? HostMemory.Start(pid) : null;
        var signedAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        foreach (string subject in subjects)
        {
            await this.signatory.PostFormAsync("sign", new() { ["token"] = signTokens[subject], ["confirm"] = "yes" });
        }

        var signing = watch.Elapsed;
        var distributed = await this.WaitUntilDistributedAsync(ids.Values, missions, watch);
        var reading = memory is null ? null : await memory.StopAsync();

        var last = this.options.Emulator is null
            ? await this.LastSmtpMessageAsync(tag, subjects, missions)
            : await this.LastGraphSendAsync(missions, signedAt);
        return new RunResult(subjects.Count, missions, signing, last - signedAt, distributed, reading);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        this.mail.Dispose();
        this.drafter.Dispose();
        this.approver.Dispose();
        this.signatory.Dispose();
    }

    /// <summary>Polls each letter not yet distributed; the time when the last one was; throws if any mission failed.</summary>
    private async Task<TimeSpan> WaitUntilDistributedAsync(IEnumerable<string> ids, int missions, Stopwatch watch)
    {
        var pending = new HashSet<string>(ids, StringComparer.Ordinal);
        // Several letters are polled less often, so that the polling does not load the host being measured.
        var pause = TimeSpan.FromMilliseconds(pending.Count == 1 ? 50 : 250);
        while (pending.Count > 0)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"{pending.Count} letter(s) not distributed within 30 minutes: {string.Join(", ", pending)}.");
            }

            foreach (string id in pending.ToList())
            {
                var status = await this.drafter.GetJsonAsync($"api/letters/{id}");
                if (status.GetProperty("stage").GetString() == "Distributed")
                {
                    var deliveries = status.GetProperty("deliveries");
                    int sent = deliveries.GetProperty("sent").GetInt32(), failed = deliveries.GetProperty("failed").GetInt32();
                    if (sent != missions || failed != 0)
                    {
                        throw new InvalidOperationException($"Letter {id} was distributed with {sent} sent and {failed} failed of {missions}.");
                    }

                    pending.Remove(id);
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(pause);
            }
        }

        return watch.Elapsed;
    }

    /// <summary>With SMTP: when smtp4dev accepted the last mission's copy of any of the letters.</summary>
    private async Task<DateTimeOffset> LastSmtpMessageAsync(string tag, IReadOnlyList<string> subjects, int missions)
    {
        var wanted = subjects.ToHashSet(StringComparer.Ordinal);
        var received = (await this.MessagesAsync(tag))
            .Where(m => wanted.Contains(m.GetProperty("subject").GetString()!))
            .Select(m => m.GetProperty("receivedDate").GetDateTimeOffset())
            .ToList();
        int expected = missions * subjects.Count;
        if (received.Count > expected || (subjects.Count == 1 && received.Count != expected))
        {
            throw new InvalidOperationException($"Expected {expected} mission messages, the mail server has {received.Count}.");
        }

        if (received.Count < expected)
        {
            // The delivery records (checked) say every copy was sent; ./run.sh's smtp4dev keeps only the newest 1000.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  smtp4dev kept the newest {received.Count} of the {expected} copies"));
        }

        return received.Max();
    }

    /// <summary>Through Graph: every mission got exactly one copy of each letter (the emulator's counts), and when Graph took the last.</summary>
    private async Task<DateTimeOffset> LastGraphSendAsync(int missions, DateTimeOffset signedAt)
    {
        var counts = await this.mail.GetFromJsonAsync<JsonElement>(new Uri(this.options.Emulator!, "/emulator/counts"));
        var perMission = counts.GetProperty("sentPerRecipient").EnumerateObject().Where(p => p.Name.EndsWith("@missions.example", StringComparison.Ordinal)).ToList();
        int letters = this.options.Letters;
        if (perMission.Count != missions || perMission.Any(p => p.Value.GetInt32() != letters))
        {
            throw new InvalidOperationException($"{perMission.Count} missions got copies, {perMission.Count(p => p.Value.GetInt32() != letters)} not exactly {letters}.");
        }

        int throttled = counts.GetProperty("throttled").EnumerateObject().Sum(p => p.Value.GetInt32());
        var last = counts.GetProperty("lastSentAt").GetDateTimeOffset();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Graph: {missions} missions got each of the {letters} letter(s) once, {throttled} throttled answers"));
        if (this.options.Window is { } window)
        {
            double floor = missions * letters / 30.0 * window.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  quota floor {floor:0.00} s ({missions * letters} / 30 per {window.TotalSeconds:0.###} s); last send {(last - signedAt).TotalSeconds:0.00} s; ratio {(last - signedAt).TotalSeconds / floor:0.000}"));
        }

        return last;
    }

    /// <summary>The messages smtp4dev holds whose text contains <paramref name="tag"/>.</summary>
    private async Task<List<JsonElement>> MessagesAsync(string tag)
    {
        var page = await this.mail.GetFromJsonAsync<JsonElement>(new Uri(this.options.Mail, $"/api/messages?pageSize=100000&searchTerms={Uri.EscapeDataString(tag)}"));
        return [.. page.GetProperty("results").EnumerateArray()];
    }

    /// <summary>Waits for the mail "<paramref name="prefix"/>subject" of each subject and returns the token of its link to <paramref name="page"/>.</summary>
    private async Task<Dictionary<string, string>> WaitForLinksAsync(string tag, string prefix, IReadOnlyList<string> subjects, string page)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        var deadline = Stopwatch.StartNew();
        while (tokens.Count < subjects.Count)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {tokens.Count} of {subjects.Count} mails '{prefix}…' arrived within 10 minutes.");
            }

            var messages = await this.MessagesAsync(tag);
            foreach (string subject in subjects.Where(s => !tokens.ContainsKey(s)))
            {
                var message = messages.FirstOrDefault(m => m.GetProperty("subject").GetString() == prefix + subject);
                if (message.ValueKind != JsonValueKind.Undefined)
                {
                    string text = await this.mail.GetStringAsync(new Uri(this.options.Mail, $"/api/messages/{message.GetProperty("id").GetString()}/plaintext"));
                    tokens[subject] = Uri.UnescapeDataString(LinkToken(page).Match(text).Groups["token"].Value);
                }
            }

            if (tokens.Count < subjects.Count)
            {
                await Task.Delay(200);
            }
        }

        return tokens;
    }

    private static Regex LinkToken(string page) => page == "approve" ? ApproveToken() : SignToken();

    [GeneratedRegex(@"/approve\?token=(?<token>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex ApproveToken();

    [GeneratedRegex(@"/sign\?token=(?<token>\S+)", RegexOptions.CultureInvariant)]
    private static partial Regex SignToken();
}
