using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Circulation.Benchmarks.Distribution;
using Circulation.Domain;
using Circulation.Drafting;
using Circulation.ReadModel;

namespace Circulation.Benchmarks.Listing;

/// <summary>
/// The letters list benchmark: stores <c>--letters</c> letters (default 5,000) in the read model of the running local
/// stack (./run.sh; Azurite's table endpoint), through <see cref="LetterReadModel"/> as the workflow writes them, with
/// realistic subjects, stages and drafters; then times, over HTTP as a signed-in admin, <c>--requests</c> (default 200)
/// first pages of GET api/letters and as many subject searches for two words, one request at a time.
/// </summary>
internal static class ListBenchmark
{
    private static readonly string[] Topics =
    [
        "revitalization", "programme", "consultations", "resolution", "election", "budget", "climate", "peacekeeping", "sustainable",
        "development", "humanitarian", "ocean", "water", "health", "financing", "disarmament", "migration", "youth", "gender", "refugees",
    ];

    private static readonly string[] Forms =
    [
        "Informal consultations on {0} and {1}", "High-level meeting on {0}: {1} follow-up", "Draft decision on the {0} of the {1} agenda",
        "Appointment of co-facilitators for {0} negotiations", "Letter on the {0} review and {1} commitments", "Résumé of the {0} dialogue on {1}",
    ];

    private static readonly string[] Drafters =
        ["drafting.officer@un.example", "policy.officer@un.example", "office.manager@un.example", "senior.adviser@un.example"];

    /// <summary>Runs it with <c>list [--letters N] [--requests N] [--app URL] [--storage CONNECTION] [--password P] [--skip-seed]</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        string Get(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        int letters = int.Parse(Get("--letters", "5000"), CultureInfo.InvariantCulture);
        int requests = int.Parse(Get("--requests", "200"), CultureInfo.InvariantCulture);
        var app = new Uri(Get("--app", Environment.GetEnvironmentVariable("CIRCULATION_URL") ?? "http://127.0.0.1:7071").TrimEnd('/') + "/");
        string storage = Get("--storage", "UseDevelopmentStorage=true");
        var tables = new TableServiceClient(storage);
        var readModel = new LetterReadModel(tables.GetTableClient("letters"), tables.GetTableClient("letterevents"));
        await readModel.EnsureCreatedAsync(CancellationToken.None);

        if (!args.Contains("--skip-seed"))
        {
            var seeding = Stopwatch.StartNew();
            await SeedAsync(readModel, letters);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {letters} letters in the read model in {seeding.Elapsed.TotalSeconds:0.0} s"));
        }

        using var session = await StaffSession.SignInAsync(app, "office.manager@un.example", Get("--password", "circulation-dev"));
        await Measure(session, "first page  GET api/letters", "api/letters", requests);
        await Measure(session, "search      GET api/letters?q=climate+financing", "api/letters?q=climate+financing", requests);
        await Measure(session, "own letters GET api/letters?drafter=policy.officer@un.example&stage=Distributed", "api/letters?drafter=policy.officer%40un.example&stage=Distributed", requests);
        return 0;
    }

    private static async Task SeedAsync(LetterReadModel readModel, int count)
    {
        var random = new Random(20261125);
        var stages = Enum.GetValues<LetterStage>();
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        var changes = Enumerable.Range(0, count).Select(n =>
        {
            var created = start.AddSeconds(n * (120.0 * 86400 / count)).AddMilliseconds(random.Next(1000));
            string subject = string.Format(
                CultureInfo.InvariantCulture, Forms[random.Next(Forms.Length)], Topics[random.Next(Topics.Length)], Topics[random.Next(Topics.Length)]);
            var stage = stages[random.Next(stages.Length)];
            bool signed = stage is LetterStage.Distributing or LetterStage.Distributed;
            var pending = stage is LetterStage.AwaitingApproval or LetterStage.AwaitingSignature
                ? new PendingAction(stage == LetterStage.AwaitingApproval ? LinkPurpose.Approval : LinkPurpose.Signature, 0, "chef.de.cabinet@un.example", "", created.AddDays(random.Next(1, 8)))
                : null;
            int sent = stage == LetterStage.Distributed ? 193 - random.Next(3) : signed ? random.Next(193) : 0;
            var summary = new LetterSummary(
                LetterId.New(created), subject, stage, 1 + random.Next(3), Drafters[random.Next(Drafters.Length)], "permanent-representatives",
                ["chef.de.cabinet@un.example"], "pga@un.example", signed ? new DeliveryTally(193, sent, stage == LetterStage.Distributed ? 193 - sent : 0) : DeliveryTally.None,
                pending, created.AddMinutes(5), signed ? created.AddHours(2) : null, created.AddHours(3), null);
            return new LetterChange(summary, new LetterEvent(Guid.NewGuid().ToString("N"), LetterEventKind.Created, created, summary.Drafter, null, 1));
        }).ToList();
        await Parallel.ForEachAsync(changes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (change, ct) => await readModel.RecordAsync(change, ct));
    }

    private static async Task Measure(StaffSession session, string what, string path, int requests)
    {
        for (int warm = 0; warm < 5; warm++)
        {
            await session.GetJsonAsync(path);
        }

        var times = new List<double>(requests);
        int shown = 0;
        for (int i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            var json = await session.GetJsonAsync(path);
            times.Add(watch.Elapsed.TotalMilliseconds);
            shown = json.GetProperty("letters").GetArrayLength();
        }

        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {requests} requests, {shown} letters a page; p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, max {times[^1]:0.0} ms"));
    }
}
