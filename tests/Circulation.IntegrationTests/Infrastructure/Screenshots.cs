using Microsoft.Playwright;

namespace Circulation.IntegrationTests.Infrastructure;

/// <summary>
/// Full-page screenshots of the staff pages: always into the test artifacts, and into the directory
/// CIRCULATION_SCREENSHOTS_DIR names when set (scripts/screenshots.sh sets it to docs/screenshots, the README's pictures).
/// </summary>
public static class Screenshots
{
    /// <summary>Saves <paramref name="page"/> as <paramref name="file"/> (a PNG name).</summary>
    public static async Task SaveAsync(IPage page, string file)
    {
        ArgumentNullException.ThrowIfNull(page);
        string shot = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots", file);
        Directory.CreateDirectory(Path.GetDirectoryName(shot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        if (Environment.GetEnvironmentVariable("CIRCULATION_SCREENSHOTS_DIR") is { Length: > 0 } kept)
        {
            Directory.CreateDirectory(kept);
            File.Copy(shot, Path.Combine(kept, file), overwrite: true);
        }
    }
}
