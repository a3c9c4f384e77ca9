using PdfSharp.Fonts;

namespace Circulation.Rendering;

/// <summary>
/// Installs the embedded Liberation Serif fonts as PDFsharp's process-wide font resolver, so that
/// rendering never depends on fonts installed on the machine. Every font family requested from PDFsharp
/// (for instance "Times New Roman", or "Verdana" used by PDFsharp's default visible-signature appearance)
/// resolves to Liberation Serif, which is metric-compatible with Times New Roman.
/// </summary>
public static class LetterFonts
{
    /// <summary>The font family the letters are set in.</summary>
    public const string FamilyName = "Liberation Serif";

    private static readonly Lock Gate = new();
    private static volatile bool installed;

    /// <summary>
    /// Sets <see cref="GlobalFontSettings.FontResolver"/> to the embedded-font resolver, once per process.
    /// Safe to call from any thread, any number of times; call it before any other PDFsharp font operation.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another font resolver was installed first.</exception>
    public static void EnsureInstalled()
    {
        if (installed)
        {
            return;
        }

        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            var current = GlobalFontSettings.FontResolver;
            if (current is null)
            {
                GlobalFontSettings.FontResolver = LetterFontResolver.Instance;
            }
            else if (current is not LetterFontResolver)
            {
                throw new InvalidOperationException(
                    $"PDFsharp already uses the font resolver {current.GetType().FullName}. The process-wide resolver can be set only once: "
                    + $"call {nameof(LetterFonts)}.{nameof(EnsureInstalled)}() instead of installing another one (it serves every family).");
            }

            installed = true;
        }
    }
}
