using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Running;
using Circulation.Benchmarks;
using Circulation.Benchmarks.Rendering;

// "render": the rendering benchmarks (BenchmarkDotNet; pass its options after "render").
// "render-samples [folder]": regenerates the sample letters (default: samples).
if (args.Length > 0 && args[0] == "render")
{
    BenchmarkSwitcher.FromTypes([typeof(RenderBenchmarks)]).Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "render-samples")
{
    return SampleLetters.Generate(args.Length > 1 ? args[1] : "samples");
}

// Load driver: distribution latency on the running local stack (./run.sh).
// Measures, per run, the time from the signature POST until the mail server has accepted the last
// mission's message, for the full "permanent representatives and observers" list.
var options = DriverOptions.Parse(args);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var driver = new DistributionDriver(http, options);
await driver.CheckReadyAsync();

var results = new List<RunResult>();
for (int run = 1; run <= options.Runs; run++)
{
    var result = await driver.RunOnceAsync(run);
    results.Add(result);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {run}: {result.Missions} missions, last message accepted {result.ToLastMessage.TotalSeconds:0.00} s after the signature POST, stage Distributed seen after {result.ToDistributed.TotalSeconds:0.00} s"));
}

var sorted = results.Select(r => r.ToLastMessage.TotalSeconds).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"signature -> last mission message: median {sorted[sorted.Length / 2]:0.00} s, min {sorted[0]:0.00} s, max {sorted[^1]:0.00} s over {sorted.Length} run(s); {results[0].Missions / sorted[sorted.Length / 2]:0.0} messages/s"));
return 0;

namespace Circulation.Benchmarks
{
    /// <summary>Command-line options of the driver.</summary>
    /// <param name="Emulator">With the Exchange emulator (Graph): its base URL; the run ends when Graph accepted the last mission's copy.</param>
    /// <param name="Window">With the emulator: its message window (30 messages per window), to compare with the quota's floor.</param>
    internal sealed record DriverOptions(Uri App, Uri Mail, int Runs, string List, Uri? Emulator = null, TimeSpan? Window = null)
    {
        public static DriverOptions Parse(string[] args)
        {
            string Get(string name, string fallback)
            {
                int i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            return new DriverOptions(
                new Uri(Get("--app", Environment.GetEnvironmentVariable("CIRCULATION_URL") ?? "http://127.0.0.1:7071")),
                new Uri(Get("--mail", Environment.GetEnvironmentVariable("SMTP4DEV_URL") ?? "http://127.0.0.1:5080")),
                int.Parse(Get("--runs", "3"), CultureInfo.InvariantCulture),
                Get("--list", "permanent-representatives-and-observers"),
                Get("--emulator", "") is { Length: > 0 } emulator ? new Uri(emulator) : null,
                Get("--window", "") is { Length: > 0 } window ? TimeSpan.Parse(window, CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>One run's figures.</summary>
    internal sealed record RunResult(int Missions, TimeSpan ToLastMessage, TimeSpan ToDistributed);

    /// <summary>Drives one letter through approval and signature over HTTP and watches the mail server.</summary>
    internal sealed partial class DistributionDriver(HttpClient http, DriverOptions options)
    {
        public async Task CheckReadyAsync()
        {
            var health = await http.GetAsync(new Uri(options.App, "/api/health"));
            if (!health.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The app at {options.App} is not healthy ({(int)health.StatusCode}); start it with ./run.sh first.");
            }
        }

        public async Task<RunResult> RunOnceAsync(int run)
        {
            string subject = $"Benchmark {DateTime.UtcNow:yyyyMMddHHmmss} run {run}";
            string approver = $"bench-approver-{Guid.NewGuid():N}@un.example";
            var letter = new
            {
                subject,
                body = "I have the honour to inform you of the programme of the high-level meeting.\n\nThe meeting will take place in Conference Room 4.",
                signatory = new { name = "Benchmark Signatory", title = "President of the General Assembly", email = "bench-signatory@un.example" },
                approvers = new[] { approver },
                distributionList = options.List,
                drafter = "bench-drafter@un.example",
            };
            var created = await http.PostAsJsonAsync(new Uri(options.App, "/api/letters"), letter);
            created.EnsureSuccessStatusCode();
            string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            string approve = await this.WaitForLinkAsync($"For approval: {subject}", "approve");
            await this.PostFormAsync("/approve", new() { ["token"] = approve, ["decision"] = "Approve", ["comment"] = "" });
            string sign = await this.WaitForLinkAsync($"For signature: {subject}", "sign");

            var lists = await http.GetFromJsonAsync<JsonElement>(new Uri(options.App, "/api/distribution-lists"));
            int missions = lists.GetProperty("lists").EnumerateArray().First(l => l.GetProperty("id").GetString() == options.List).GetProperty("memberCount").GetInt32();

            if (options.Emulator is not null)
            {
                (await http.PostAsync(new Uri(options.Emulator, "/emulator/reset"), null)).EnsureSuccessStatusCode();
            }

            var signedAt = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await this.PostFormAsync("/sign", new() { ["token"] = sign, ["confirm"] = "yes" });
            TimeSpan? distributed = null;
            while (watch.Elapsed < TimeSpan.FromMinutes(10))
            {
                var status = await http.GetFromJsonAsync<JsonElement>(new Uri(options.App, $"/api/letters/{id}"));
                if (status.GetProperty("stage").GetString() == "Distributed")
                {
                    distributed = watch.Elapsed;
                    break;
                }

                await Task.Delay(50);
            }

            if (distributed is null)
            {
                throw new TimeoutException($"Letter {id} was not distributed within 10 minutes.");
            }

            if (options.Emulator is not null)
            {
                return await this.GraphResultAsync(id, missions, signedAt, distributed.Value);
            }

            var received = (await this.MessagesAsync())
                .Where(m => m.GetProperty("subject").GetString() == subject)
                .Select(m => m.GetProperty("receivedDate").GetDateTimeOffset())
                .ToList();
            if (received.Count != missions)
            {
                throw new InvalidOperationException($"Expected {missions} mission messages for {id}, the mail server has {received.Count}.");
            }

            return new RunResult(missions, received.Max() - signedAt, distributed.Value);
        }

        /// <summary>Through Graph: every mission got exactly one copy (the emulator's counts), and when Graph took the last.</summary>
        private async Task<RunResult> GraphResultAsync(string id, int missions, DateTimeOffset signedAt, TimeSpan distributed)
        {
            var counts = await http.GetFromJsonAsync<JsonElement>(new Uri(options.Emulator!, "/emulator/counts"));
            var perMission = counts.GetProperty("sentPerRecipient").EnumerateObject().Where(p => p.Name.EndsWith("@missions.example", StringComparison.Ordinal)).ToList();
            if (perMission.Count != missions || perMission.Any(p => p.Value.GetInt32() != 1))
            {
                throw new InvalidOperationException($"Letter {id}: {perMission.Count} missions got copies, {perMission.Count(p => p.Value.GetInt32() != 1)} not exactly one.");
            }

            int throttled = counts.GetProperty("throttled").EnumerateObject().Sum(p => p.Value.GetInt32());
            var last = counts.GetProperty("lastSentAt").GetDateTimeOffset();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Graph: {missions} missions once each, {throttled} throttled answers"));
            if (options.Window is { } window)
            {
                double floor = missions / 30.0 * window.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  quota floor {floor:0.00} s ({missions} / 30 per {window.TotalSeconds:0.###} s); last send {(last - signedAt).TotalSeconds:0.00} s; ratio {(last - signedAt).TotalSeconds / floor:0.000}"));
            }

            return new RunResult(missions, last - signedAt, distributed);
        }

        private async Task<List<JsonElement>> MessagesAsync()
        {
            var page = await http.GetFromJsonAsync<JsonElement>(new Uri(options.Mail, "/api/messages?pageSize=100000"));
            return [.. page.GetProperty("results").EnumerateArray()];
        }

        private async Task<string> WaitForLinkAsync(string subject, string page)
        {
            for (int i = 0; i < 600; i++)
            {
                var message = (await this.MessagesAsync()).FirstOrDefault(m => m.GetProperty("subject").GetString() == subject);
                if (message.ValueKind != JsonValueKind.Undefined)
                {
                    string text = await http.GetStringAsync(new Uri(options.Mail, $"/api/messages/{message.GetProperty("id").GetString()}/plaintext"));
                    var match = Regex.Match(text, $@"/{page}\?token=(\S+)");
                    return Uri.UnescapeDataString(match.Groups[1].Value);
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No message '{subject}' arrived.");
        }

        private async Task PostFormAsync(string path, Dictionary<string, string> fields)
        {
            using var content = new FormUrlEncodedContent(fields);
            var response = await http.PostAsync(new Uri(options.App, path), content);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}.");
            }
        }
    }
}
