using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Circulation.Rendering;

/// <summary>
/// Serves the Liberation Serif faces embedded in this assembly for every requested family.
/// Stateless apart from a cache of the font bytes, and safe for concurrent use.
/// </summary>
internal sealed class LetterFontResolver : IFontResolver
{
    internal const string Regular = "LiberationSerif-Regular";
    internal const string Bold = "LiberationSerif-Bold";
    internal const string Italic = "LiberationSerif-Italic";
    internal const string BoldItalic = "LiberationSerif-BoldItalic";

    private const string ResourcePrefix = "Circulation.Rendering.Fonts.";

    private readonly ConcurrentDictionary<string, byte[]> fonts = new(StringComparer.Ordinal);

    private LetterFontResolver()
    {
    }

    /// <summary>The one instance given to PDFsharp.</summary>
    internal static LetterFontResolver Instance { get; } = new();

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        // Every family maps to Liberation Serif: no dependence on the machine's fonts.
        var face = (isBold, isItalic) switch
        {
            (true, true) => BoldItalic,
            (true, false) => Bold,
            (false, true) => Italic,
            _ => Regular,
        };
        return new FontResolverInfo(face);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) =>
        faceName is Regular or Bold or Italic or BoldItalic
            ? fonts.GetOrAdd(faceName, LoadFace)
            : null;

    /// <summary>Reads the bytes of one face from the assembly's resources.</summary>
    internal static byte[] LoadFace(string faceName)
    {
        var resourceName = ResourcePrefix + faceName + ".ttf";
        using var stream = typeof(LetterFontResolver).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded font resource '{resourceName}' is missing from the assembly.");
        using var buffer = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
