using System.Buffers.Binary;

namespace Circulation.Rendering;

/// <summary>Reads the pixel size from a PNG header without decoding the image.</summary>
internal static class PngSize
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the width and height in pixels, or null when the bytes are not a PNG.</summary>
    public static (int Width, int Height)? Read(ReadOnlySpan<byte> png)
    {
        // Signature (8 bytes), IHDR chunk length (4) and type (4), then width and height (4 + 4, big-endian).
        if (png.Length < 24 || !png[..8].SequenceEqual(Signature) || !png.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(png.Slice(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.Slice(20, 4));
        return width > 0 && height > 0 ? (width, height) : null;
    }
}
