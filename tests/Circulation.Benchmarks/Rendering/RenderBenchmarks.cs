using BenchmarkDotNet.Attributes;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Rendering;
using Circulation.Signature;
using Circulation.Staff;

namespace Circulation.Benchmarks.Rendering;

/// <summary>
/// Rendering a signed letter package to PDF bytes, warm (fonts loaded, first render done): the sample
/// one-page and three-page letters, and the sample cover letter with its enclosed co-chairs' letter
/// followed by a 20-page uploaded PDF.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private const string SampleDrafter = "drafting.officer@un.example";
    private static readonly StaffDirectory Staff = StaffDirectory.LoadEmbedded();
    private readonly PdfLetterRenderer renderer = new();
    private LetterPackage onePage = null!;
    private LetterPackage threePages = null!;
    private LetterPackage withEnclosures = null!;

    /// <summary>Builds the packages from samples/*.json.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string samples = FindSamples();
        var directory = MissionDirectory.LoadEmbedded();
        var factory = new LetterDocumentFactory(directory);
        byte[] signature = new SignatureImages(Staff).Get("pga@un.example");
        // Enclosed letters are signed outside Circulation and print "(Signed)": no images for them.
        var signatures = new Dictionary<string, byte[]>();
        string[] lists = [.. directory.Lists.Select(l => l.Id)];

        LetterDraft Load(string name) =>
            LetterDraftParser.TryParse(File.ReadAllText(Path.Combine(samples, name + ".json")), new DateOnly(2026, 11, 25), lists, Staff, SampleDrafter, out _)
            ?? throw new InvalidOperationException($"samples/{name}.json is not a valid letter.");

        this.onePage = factory.CreatePackage("bench-1", 1, Load("one-page-letter"), signature, signatures, new Dictionary<string, byte[]>());
        this.threePages = factory.CreatePackage("bench-3", 1, Load("three-page-letter"), signature, signatures, new Dictionary<string, byte[]>());

        byte[] report = SampleDocuments.Report(20);
        string reportId = UploadedDocuments.IdOf(report);
        var coChairs = Load("enclosed-co-chairs-letter");
        coChairs = coChairs with { Enclosures = [.. coChairs.Enclosures!, new EnclosedDocument(reportId, "Report of the Secretary-General")] };
        this.withEnclosures = factory.CreatePackage("bench-e", 1, coChairs, signature, signatures, new Dictionary<string, byte[]> { [reportId] = report });

        this.renderer.Render(this.onePage); // load the fonts and the image decoder outside the measurements
    }

    /// <summary>The one-page sample letter.</summary>
    [Benchmark(Baseline = true)]
    public byte[] OnePageLetter() => this.renderer.Render(this.onePage);

    /// <summary>The three-page sample letter.</summary>
    [Benchmark]
    public byte[] ThreePageLetter() => this.renderer.Render(this.threePages);

    /// <summary>A cover letter, an enclosed two-signatory letter and a 20-page uploaded PDF, as one PDF.</summary>
    [Benchmark]
    public byte[] CoverWithEnclosedLetterAnd20PagePdf() => this.renderer.Render(this.withEnclosures);

    private static string FindSamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples");
            if (File.Exists(Path.Combine(candidate, "one-page-letter.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No samples/ folder above " + AppContext.BaseDirectory);
    }
}
