using System.Diagnostics;
using Xunit;

namespace Circulation.Tests.TestSupport;

/// <summary>A PDF's text as poppler's pdftotext reads it (what a reader's viewer shows, and what a screen reader reads).</summary>
public static class PdfText
{
    /// <summary>The text of <paramref name="pdf"/>; <paramref name="layout"/> keeps the physical layout (pdftotext -layout), else reading order.</summary>
    public static string Of(byte[] pdf, bool layout = false)
    {
        string file = Path.Combine(Path.GetTempPath(), $"pdftext-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true };
            if (layout)
            {
                start.ArgumentList.Add("-layout");
            }

            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            string text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The non-empty lines of <paramref name="text"/>, trimmed, without the form feeds between pages.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        [.. text.Split('\n').Select(l => l.Replace('\f', ' ').Trim()).Where(l => l.Length > 0)];
}
