using System.Diagnostics;
using System.Security.Cryptography;
using Circulation.Drafting;
using Circulation.Missions;
using Circulation.Rendering;
using Circulation.Signature;
using Circulation.Staff;

namespace Circulation.Benchmarks.Rendering;

/// <summary>
/// Regenerates the sample letters in samples/: each samples/*.json (a letter as POST /api/letters takes it)
/// is validated with the API's parser and rendered, signed, as samples/NAME.pdf, with its pages as
/// samples/NAME-page-1.png, NAME-page-2.png, ... (pdftoppm, 60 dpi). Enclosed documents are the PDFs in samples/documents (by SHA-256);
/// enclosed letters print "(Signed)".
/// </summary>
internal static class SampleLetters
{
    private const string SampleDrafter = "drafting.officer@un.example";
    private static readonly StaffDirectory Staff = StaffDirectory.LoadEmbedded();
    /// <summary>The date letters without one get (so samples do not change with the day they are made).</summary>
    private static readonly DateOnly Today = new(2026, 11, 25);

    public static int Generate(string folder)
    {
        var directory = MissionDirectory.LoadEmbedded();
        var factory = new LetterDocumentFactory(directory);
        var renderer = new PdfLetterRenderer();
        byte[] coverSignature = new SignatureImages(Staff).Get("pga@un.example");

        string documentsFolder = Path.Combine(folder, "documents");
        Directory.CreateDirectory(documentsFolder);
        string programme = Path.Combine(documentsFolder, "programme.pdf");
        if (!File.Exists(programme))
        {
            File.WriteAllBytes(programme, SampleDocuments.Programme());
        }

        var documents = Directory.GetFiles(documentsFolder, "*.pdf")
            .Select(File.ReadAllBytes)
            .ToDictionary(bytes => Convert.ToHexStringLower(SHA256.HashData(bytes)), StringComparer.Ordinal);
        foreach (var (id, bytes) in documents)
        {
            Console.WriteLine($"document {id}: {UploadedPdf.Inspect(bytes)}");
        }

        // Enclosed letters are signed outside Circulation and print "(Signed)": no images for them.
        var signatures = new Dictionary<string, byte[]>();

        foreach (string file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            var draft = LetterDraftParser.TryParse(File.ReadAllText(file), Today, [.. directory.Lists.Select(l => l.Id)], Staff, SampleDrafter, out var errors)
                ?? throw new InvalidOperationException($"{file} is not a valid letter: {string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
            var package = factory.CreatePackage($"sample-{name}", 1, draft, coverSignature, signatures, documents);
            string pdf = Path.Combine(folder, name + ".pdf");
            File.WriteAllBytes(pdf, renderer.Render(package));
            foreach (string old in Directory.GetFiles(folder, name + "-page*.png"))
            {
                File.Delete(old);
            }

            RunPdftoppm(pdf, Path.Combine(folder, name + "-page"));
            Console.WriteLine($"{name}: {pdf} and its page images");
        }

        return 0;
    }

    private static void RunPdftoppm(string pdf, string pngStem)
    {
        var start = new ProcessStartInfo("pdftoppm") { UseShellExecute = false };
        foreach (string arg in new[] { "-png", "-r", "60", pdf, pngStem })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm (poppler-utils) could not be started.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftoppm exited with {process.ExitCode} for {pdf}.");
        }
    }
}
