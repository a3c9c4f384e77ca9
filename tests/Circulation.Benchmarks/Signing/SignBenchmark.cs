using System.Diagnostics;
using System.Globalization;
using Circulation.Benchmarks.Rendering;
using Circulation.DigitalSignature;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Circulation.Benchmarks.Signing;

/// <summary>
/// The time the digital signature adds to the signing step (PDFsharp's placeholder, the CMS, the key operation and the
/// timestamp), on the local stack: the development key of .local/pki and the timestamp authority ./run.sh started.
/// Signs the rendered one-page sample letter and the sample cover with a 20-page enclosure, --runs times each after two
/// warm-up signatures, and prints the median, minimum and maximum.
/// </summary>
internal static class SignBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = 20;
        string pki = Path.Combine(FindRepository(), ".local", "pki");
        string tsa = "http://127.0.0.1:7075/";
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--pki": pki = args[i + 1]; break;
                case "--tsa": tsa = args[i + 1]; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; use --runs N, --pki DIR, --tsa URL.");
            }
        }

        var options = new SigningOptions
        {
            CertificatePfxPath = Path.Combine(pki, "signing.pfx"),
            CertificatePfxPassword = File.ReadAllText(Path.Combine(pki, "signing.password")).Trim(),
            TimestampUrl = tsa,
            Retries = 0,
        };
        using var key = new PfxSigningKey(options);
        using var timestamps = new TimestampClient(Options.Create(options), NullLogger<TimestampClient>.Instance);
        var signer = new PdfDigitalSigner(key, timestamps, TimeProvider.System);

        var letters = new RenderBenchmarks();
        letters.Setup();
        foreach (var (name, pdf) in new[] { ("one-page letter", letters.OnePageLetter()), ("cover + enclosed letter + 20-page PDF", letters.CoverWithEnclosedLetterAnd20PagePdf()) })
        {
            for (int warmUp = 0; warmUp < 2; warmUp++)
            {
                await signer.SignAsync(pdf, CancellationToken.None);
            }

            var times = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                long start = Stopwatch.GetTimestamp();
                await signer.SignAsync(pdf, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sign {name} ({pdf.Length / 1024} KiB): median {times[times.Count / 2]:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms over {runs} signatures"));
        }

        return 0;
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Circulation.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
