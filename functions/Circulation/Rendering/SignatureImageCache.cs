using System.Security.Cryptography;
using PdfSharp.Drawing;

namespace Circulation.Rendering;

/// <summary>
/// Decoded signature images, reused across renders. Decoding a PNG is most of the cost of rendering a
/// signed one-page letter (about 15 ms of 20 on the benchmark machine), and the same few signatures are
/// drawn again and again. PDFsharp caches the decoded data and an image key inside the XImage on first use,
/// which is not safe to race on, so each thread keeps its own small cache; an XImage is then only ever used
/// by one document at a time.
/// </summary>
internal static class SignatureImageCache
{
    private const int MaxImagesPerThread = 16;

    [ThreadStatic]
    private static Dictionary<string, XImage>? images;

    /// <summary>The decoded image of <paramref name="png"/> (by content), decoding it on first use on this thread.</summary>
    /// <exception cref="ArgumentException">The bytes are not a readable PNG.</exception>
    public static XImage Get(byte[] png)
    {
        images ??= new Dictionary<string, XImage>(StringComparer.Ordinal);
        string key = Convert.ToHexString(SHA256.HashData(png));
        if (images.TryGetValue(key, out var image))
        {
            return image;
        }

        try
        {
            image = XImage.FromStream(new MemoryStream(png.ToArray(), writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ArgumentException("The signature image is not a readable PNG.", nameof(png), ex);
        }

        if (images.Count >= MaxImagesPerThread)
        {
            images.Clear(); // signatures are few; a thread that met many simply starts again
        }

        images[key] = image;
        return image;
    }
}
