using System.Globalization;
using BenchmarkDotNet.Running;
using Circulation.Benchmarks.Distribution;
using Circulation.Benchmarks.Listing;
using Circulation.Benchmarks.Rendering;
using Circulation.Benchmarks.Signing;

// "render": the rendering benchmarks (BenchmarkDotNet; pass its options after "render").
// "render-samples [folder]": regenerates the sample letters (default: samples).
if (args.Length > 0 && args[0] == "render")
{
    BenchmarkSwitcher.FromTypes([typeof(RenderBenchmarks)]).Run(args[1..]);
    return 0;
}

// "list [--letters N] [--requests N]": the letters list from the read model, over HTTP on the running local stack.
if (args.Length > 0 && args[0] == "list")
{
    return await ListBenchmark.RunAsync(args[1..]);
}

// "sign [--runs 20] [--pki .local/pki] [--tsa http://127.0.0.1:7075/]": the digital signature's added time, against the
// local timestamp authority of the running stack (./run.sh) and the development key.
if (args.Length > 0 && args[0] == "sign")
{
    return await SignBenchmark.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "render-samples")
{
    return SampleLetters.Generate(args.Length > 1 ? args[1] : "samples");
}

// Load driver: distribution throughput on the running local stack (./run.sh). Per run, one letter (or --letters N,
// signed one after the other and distributing at once) to the full "permanent representatives and observers" list:
// the time from the (first) signature POST until the mail server accepted the last mission's copy, missions per second,
// and the local host's peak resident memory.
var options = DriverOptions.Parse(args);
using var driver = await DistributionDriver.StartAsync(options);

var results = new List<RunResult>();
for (int run = 1; run <= options.Runs; run++)
{
    var result = await driver.RunOnceAsync(run);
    results.Add(result);
    Console.WriteLine(result.Letters == 1
        ? string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {result.Copies} missions, last message accepted {result.ToLastMessage.TotalSeconds:0.00} s after the signature POST ({result.MissionsPerSecond:0.0} missions/s), stage Distributed seen after {result.ToDistributed.TotalSeconds:0.00} s")
        : string.Create(CultureInfo.InvariantCulture,
            $"run {run}: {result.Letters} letters x {result.MissionsPerLetter} missions = {result.Copies} copies, signed within {result.Signing.TotalSeconds:0.00} s; last copy accepted {result.ToLastMessage.TotalSeconds:0.00} s after the first signature POST ({result.MissionsPerSecond:0.0} missions/s), all Distributed after {result.ToDistributed.TotalSeconds:0.00} s"));
    if (result.Memory is { } memory)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  local host (pid {memory.Pid}): peak VmRSS {memory.PeakRssKiB / 1024.0:0.0} MiB ({memory.Samples} samples, every 100 ms), VmHWM {memory.HighWaterMarkKiB / 1024.0:0.0} MiB ({(memory.HighWaterMarkReset ? "reset when the run started" : "since the host started")})"));
    }
}

var sorted = results.OrderBy(r => r.ToLastMessage).ToArray();
var median = sorted[sorted.Length / 2];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"signature -> last mission message: median {median.ToLastMessage.TotalSeconds:0.00} s, min {sorted[0].ToLastMessage.TotalSeconds:0.00} s, max {sorted[^1].ToLastMessage.TotalSeconds:0.00} s over {sorted.Length} run(s); {median.MissionsPerSecond:0.0} missions/s"));
return 0;
